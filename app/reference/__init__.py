"""Reference data every feature may read: NACE sectors, the programme area's regions, registration ids.
Imports no feature (docs/architecture.md)."""
