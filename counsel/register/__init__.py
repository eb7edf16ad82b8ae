"""The register of issued documents: every render appends a row; verify re-renders one."""

from __future__ import annotations

from counsel.register.model import (
    Entry,
    IssuedFile,
    answers_hash,
    answers_snapshot,
    case_number_of,
    current_user,
    file_sha256,
    issued_files,
    office_from_snapshot,
    office_snapshot,
)
from counsel.register.store import (
    DATA_DIR_ENV,
    REGISTER_FILE,
    SCHEMA_VERSION,
    SOURCES,
    Register,
    data_dir,
    default_register_path,
    record_render,
)
from counsel.register.verify import FileVerdict, VerifyResult, verify_entry

__all__ = [
    "DATA_DIR_ENV",
    "REGISTER_FILE",
    "SCHEMA_VERSION",
    "SOURCES",
    "Entry",
    "FileVerdict",
    "IssuedFile",
    "Register",
    "VerifyResult",
    "answers_hash",
    "answers_snapshot",
    "case_number_of",
    "current_user",
    "data_dir",
    "default_register_path",
    "file_sha256",
    "issued_files",
    "office_from_snapshot",
    "office_snapshot",
    "record_render",
    "verify_entry",
]
