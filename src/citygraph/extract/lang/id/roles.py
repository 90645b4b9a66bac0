"""Indonesian titles of office, honorifics and the words around them.

Titles are matched case-insensitively at word boundaries, longest first, so
"wakil wali kota" wins over "wali kota". A title followed by a place and a
name ("Wali Kota Bogor Bima Arya") gives a person, a role and an office.
"""

from __future__ import annotations

from citygraph.model import Role

#: Title as written -> role. Spelling variants of the news are listed as such.
TITLES: dict[str, Role] = {
    "bupati": Role.REGENT,
    "datuk bandar": Role.MAYOR,  # Malay: mayor of a city (Seremban, Kuala Lumpur)
    "lord mayor": Role.MAYOR,  # kept in English for Australian and British mayors ("Mayor" alone is a rank)
    "dubes": Role.AMBASSADOR,
    "duta besar": Role.AMBASSADOR,
    "gubernur": Role.GOVERNOR,
    "konjen": Role.CONSUL,
    "konsul": Role.CONSUL,
    "konsul jenderal": Role.CONSUL,
    "kuasa usaha": Role.OFFICIAL,
    "menteri": Role.MINISTER,
    "perdana menteri": Role.HEAD_OF_STATE,
    "presiden": Role.HEAD_OF_STATE,
    "sekda": Role.SECRETARY,
    "sekdakab": Role.SECRETARY,
    "sekdakot": Role.SECRETARY,
    "sekdaprov": Role.SECRETARY,
    "sekretaris daerah": Role.SECRETARY,
    "sekretaris kabupaten": Role.SECRETARY,
    "sekretaris provinsi": Role.SECRETARY,
    "setiausaha kerajaan negeri": Role.SECRETARY,  # Malay: state secretary
    "wethouder": Role.DEPUTY_MAYOR,  # Dutch: alderman, a deputy mayor
    "sekretaris jenderal": Role.SECRETARY,
    "sekjen": Role.SECRETARY,
    "sekretaris kota": Role.SECRETARY,
    "wakil bupati": Role.DEPUTY_REGENT,
    "wakil gubernur": Role.DEPUTY_GOVERNOR,
    "wakil wali kota": Role.DEPUTY_MAYOR,
    "wakil walikota": Role.DEPUTY_MAYOR,
    "wali kota": Role.MAYOR,
    "walikota": Role.MAYOR,
    "wawali": Role.DEPUTY_MAYOR,
    "wabup": Role.DEPUTY_REGENT,
    "wagub": Role.DEPUTY_GOVERNOR,
    # heads of agencies, bureaus and offices: any other named office holder
    "asisten": Role.OFFICIAL,
    "juru bicara": Role.OFFICIAL,
    "jubir": Role.OFFICIAL,
    "rektor": Role.OFFICIAL,
    "camat": Role.OFFICIAL,
    "kabag": Role.OFFICIAL,
    "kadis": Role.OFFICIAL,
    "kepala": Role.OFFICIAL,
    "ketua": Role.OFFICIAL,
    "direktur": Role.OFFICIAL,
    "atase": Role.OFFICIAL,
}

#: Titles that may start a sentence about someone else's office but that need
#: a named unit after them to count ("Kepala Dinas ...", "Ketua DPRD ...").
HEAD_TITLES: frozenset[str] = frozenset({"asisten", "kabag", "kadis", "kepala", "ketua", "direktur", "camat"})

#: Before a title: the office is held in an acting capacity.
ACTING_PREFIXES: tuple[str, ...] = ("plt.", "plt", "pj.", "pj", "plh.", "plh", "penjabat", "pelaksana tugas")

#: Before a title: a former holder.
FORMER_PREFIXES: tuple[str, ...] = ("mantan", "eks", "bekas")

#: Honorifics and degrees stripped from names (compared without dots, lower case).
HONORIFICS: frozenset[str] = frozenset("""
    abah bapak bpk bu buya drg dr dra drs gus h hj ibu ir kh kiai pak prof pdt tgh ust
    datuk dato datin tun haji hajah drh drg letjen mayjen brigjen jenderal kolonel kombes irjen komjen
    laksamana marsekal purn purnawirawan
    """.split())

#: Academic degrees written after a name ("M.Si", "MT", "S.Sos").
DEGREES: frozenset[str] = frozenset("""
    ak amd ba bsc ma mag mba mh mhum mkes mkom mm mp mpa mpd mph msc msi msos mt phd
    sag se sh shi sip skm skom sp spd ssos ssi st sthi mhs mi spi sked skep sth spsi mkn
    """.split())

#: Words that continue a title's unit ("Kepala Dinas Perpustakaan dan Arsip")
#: rather than start a name. Lower case.
TITLE_WORDS: frozenset[str] = frozenset("""
    administrasi agama aparatur arsip badan bagian bappeda bersama biro birokrasi budaya daerah
    dalam dan departemen dinas ekonomi energi hubungan humas hukum industri informasi
    internasional kantor kebudayaan kebersihan kehutanan kementerian kerja kesehatan keuangan
    komunikasi koordinator lingkungan luar modal negara negeri organisasi pariwisata pekerjaan
    pelayanan pembangunan pemberdayaan pemerintah pemerintahan pendayagunaan pendidikan penanaman
    perdagangan perencanaan perhubungan perindustrian perpustakaan pertamanan pertanian perumahan
    pemuda olahraga protokol publik reformasi riset ruang sama sekretariat setda setdakab
    setdako setdaprov sosial sumber tata teknologi umum urusan dprd dprk dprrd kbri kjri
    ad interim daya manusia hidup terbuka hijau dan untuk ri
    """.split())

#: Abbreviations of the country itself in titles ("Duta Besar RI untuk Jepang").
OWN_COUNTRY: dict[str, str] = {"ri": "ID", "nkri": "ID"}

#: Right before a title: the person named is represented by the signer, not a signer ("mewakili Bupati X").
REPRESENTED: tuple[str, ...] = ("mewakili", "atas nama", "menggantikan", "yang mewakili")

#: After these, the people named are witnesses or companions, not signatories ("disaksikan X").
WITNESS_CUES: tuple[str, ...] = ("didampingi", "disaksikan", "dihadiri", "disaksikan oleh", "didampingi oleh")

#: Before these, the people named are witnesses ("X menyaksikan penandatanganan ...").
WITNESS_VERBS: tuple[str, ...] = ("menyaksikan", "mendampingi", "turut hadir", "turut mendampingi", "hadir")
