"""CSV cells that are safe to open in a spreadsheet: the one place where CSV injection is neutralised."""

# A cell starting with one of these is taken as a formula by Excel, LibreOffice or Google Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """The cell as text, prefixed with ``'`` when a spreadsheet would run it as a formula (OWASP advice)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text
