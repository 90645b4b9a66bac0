"""Indonesian month and weekday names, and relative day words."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agt": 8, "agu": 8, "ags": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nopember": 11, "nov": 11,
    "desember": 12, "des": 12,
}

#: Monday = 0, as datetime.date.weekday().
WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum’at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
}

#: Day offsets from the publication date.
RELATIVE_DAYS: dict[str, int] = {
    "hari ini": 0, "kemarin": -1, "kemarin lusa": -2, "besok": 1, "lusa": 2,
}

#: "tahun lalu" = last year, "tahun ini" = this year (year offsets).
RELATIVE_YEARS: dict[str, int] = {"tahun lalu": -1, "tahun ini": 0, "tahun depan": 1}

#: "bulan lalu" = last month.
RELATIVE_MONTHS: dict[str, int] = {
    "bulan lalu": -1, "bulan ini": 0, "awal bulan ini": 0, "pekan lalu": 0, "minggu lalu": 0, "bulan depan": 1,
}

#: Before a weekday: the one before the publication date ("Jumat lalu").
PAST_MARKERS: tuple[str, ...] = ("lalu", "kemarin")

#: Words before a bare year that make it the start of a tie, not a deadline.
YEAR_PREFIXES: tuple[str, ...] = ("tahun", "sejak", "pada")

#: Words before a year or date that make it a deadline or target, never a signing date.
DEADLINE_PREFIXES: tuple[str, ...] = ("hingga", "sampai", "target", "pada akhir", "paling lambat")
