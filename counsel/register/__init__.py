"""The register of issued documents: every render appends a row; verify re-renders one."""

from __future__ import annotations

from counsel.register.model import (
    Entry,
    Event,
    IssuedFile,
    answers_hash,
    answers_snapshot,
    current_user,
    file_sha256,
    office_from_snapshot,
    office_snapshot,
)
from counsel.register.store import (
    DATA_DIR_ENV,
    REGISTER_FILE,
    SCHEMA_VERSION,
    SOURCES,
    Register,
    RegisterError,
    RegisterUnavailable,
    data_dir,
    default_register_path,
    open_existing,
)
from counsel.register.verify import FileVerdict, VerifyResult, verify_entry
from counsel.register.who import IssuedBy, Issuer

__all__ = [
    "DATA_DIR_ENV",
    "REGISTER_FILE",
    "SCHEMA_VERSION",
    "SOURCES",
    "Entry",
    "Event",
    "FileVerdict",
    "IssuedBy",
    "IssuedFile",
    "Issuer",
    "Register",
    "RegisterError",
    "RegisterUnavailable",
    "VerifyResult",
    "answers_hash",
    "answers_snapshot",
    "current_user",
    "data_dir",
    "default_register_path",
    "file_sha256",
    "office_from_snapshot",
    "office_snapshot",
    "open_existing",
    "verify_entry",
]
