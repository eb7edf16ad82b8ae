"""The supervising attorney's, paralegal's, author's and newcomer's review: answers files written
for it (tests/review/answers) and the documented behaviour, each defect found with its test."""
