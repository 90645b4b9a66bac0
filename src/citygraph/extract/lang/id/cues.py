"""Indonesian cue words for cooperation, status, reference and place roles.

Every entry is a regular expression matched case-insensitively at word
boundaries. Cues describe the language, never a given article.
"""

from __future__ import annotations

#: The sentence talks about cooperation between governments.
COOPERATION: tuple[str, ...] = (
    r"kerja ?sama", r"kerja-sama", r"bekerja ?sama", r"dikerjasamakan", r"mengerjasamakan",
    r"kemitraan", r"bermitra", r"menjalin hubungan", r"hubungan kerja ?sama", r"kolaborasi",
    r"berkolaborasi", r"menjalin", r"sepakat", r"kesepakatan", r"hubungan",
)

#: The relationship is a sister / twin / friendship tie.
SISTER: tuple[str, ...] = (
    r"sister[- ]?cit(?:y|ies)", r"sister[- ]provinces?", r"sister[- ]states?", r"twin ?cit(?:y|ies)",
    r"friendship cit(?:y|ies)", r"kota bersaudara", r"kota kembar", r"kota persahabatan",
    r"kota saudara", r"provinsi bersaudara", r"provinsi kembar", r"provinsi persahabatan",
    r"daerah bersaudara", r"bersaudara", r"kabupaten bersaudara",
)

#: A signing took place (verbs and nouns). Dates near these are signing dates.
SIGNING: tuple[str, ...] = (
    r"menandatangani", r"ditandatangani", r"ditandatanganinya", r"penandatanganan", r"penandatangan",
    r"bertanda ?tangan", r"meneken", r"diteken", r"teken", r"menyepakati", r"disepakati",
)

#: Announced, intended, under negotiation: not yet signed.
PLANNED: tuple[str, ...] = (
    r"akan", r"bakal", r"rencana", r"berencana", r"direncanakan", r"merencanakan",
    r"segera", r"rencananya", r"menjajaki kemungkinan", r"diharapkan", r"dijadwalkan",
    r"pembentukan", r"mengusulkan", r"diusulkan", r"usulan", r"siap", r"terwujud",
    r"negosiasi", r"bernegosiasi", r"menegosiasikan", r"dinegosiasikan", r"merundingkan", r"dirundingkan",
    r"perundingan", r"mematangkan", r"dimatangkan", r"pematangan",
    r"mempersiapkan", r"tahap pembahasan", r"masih dibahas", r"sedang dibahas", r"tengah dibahas",
)

#: A negotiation named after these is over ("Usai perundingan, kedua wali kota meneken MoU"): no plan.
AFTER: tuple[str, ...] = (r"setelah", r"sesudah", r"usai", r"seusai", r"pasca", r"selepas", r"sehabis")

#: Plan words that name a process, which AFTER puts in the past.
PROCESS_PLANS: tuple[str, ...] = (r"negosiasi", r"perundingan", r"pembahasan")

#: Extended or renewed.
RENEWED: tuple[str, ...] = (
    r"perpanjang", r"memperpanjang", r"diperpanjang", r"perpanjangan", r"memperbarui",
    r"diperbarui", r"pembaruan", r"memperbaharui", r"diperbaharui", r"pembaharuan",
    r"renewal", r"memperbarui kembali",
)

#: An existing tie stated as a fact ("memiliki kota kembar", "sudah terjalin").
TIE: tuple[str, ...] = (
    r"memiliki", r"mempunyai", r"punya", r"telah terjalin", r"sudah terjalin", r"terjalin",
    r"berusia", r"sejak", r"selama ini",
)

#: The original agreement that a renewal or a follow-up continues ("MoU pertama pada 2014").
ORIGINAL: tuple[str, ...] = (r"pertama", r"awal", r"semula", r"sebelumnya", r"terdahulu", r"lama", r"dimulai dengan")

#: Start of a relationship: a year after these is the tie's date.
SINCE: tuple[str, ...] = (r"sejak", r"dirintis", r"dimulai", r"dijalin", r"diresmikan")

#: A plan called off: whatever else the sentence says, no agreement came of it.
CANCELLED: tuple[str, ...] = (r"batal", r"dibatalkan", r"membatalkan", r"pembatalan", r"urung", r"gagal")

#: Hopes and wishes: no step taken, so no agreement ("berharap ... bisa menjalin kerja sama").
WISH: tuple[str, ...] = (
    r"berharap", r"harapan", r"mengharapkan", r"ingin", r"menginginkan", r"semoga", r"mudah-mudahan",
    r"bercita-cita", r"suatu hari", r"kelak", r"mimpi",
)

#: Denials: the sentence says no agreement exists or is planned.
NEGATION: tuple[str, ...] = (
    r"belum ada", r"tidak ada", r"bukan", r"tanpa", r"belum dimasukkan", r"tidak termasuk",
    r"batal", r"dibatalkan", r"apakah", r"murni studi banding",
)

#: References back to the governments of an agreement already named.
ANAPHORA: tuple[str, ...] = (
    r"kedua (?:kota|daerah|pihak|pemerintah|pemda|pemkot|pemkab|pemprov|provinsi|kabupaten|wilayah|belah pihak|pimpinan daerah|kepala daerah|pemimpin(?: daerah)?)",
    r"ketiga (?:kota|daerah|pihak|pemerintah|kepala daerah|wilayah)",
    r"kerja ?sama (?:ini|itu|tersebut)", r"kerjasama (?:ini|itu|tersebut)",
    r"(?:mou|loi|pks|perjanjian|nota kesepahaman|kesepakatan|perpanjangan|naskah|hubungan) (?:ini|itu|tersebut)",
    r"penandatanganan (?:ini|itu|tersebut)", r"yang diperbarui", r"yang baru",
)

#: A sentence starting with one of these continues the previous one.
CONTINUATION_STARTS: tuple[str, ...] = (
    r"ia", r"dia", r"beliau", r"mereka", r"pihaknya", r"menurut dia", r"menurutnya", r"kota itu",
)

#: Introduce a list of partners: "memiliki kota kembar, di antaranya A, B dan C".
LIST_INTRO: tuple[str, ...] = (r"di ?antaranya", r"antara lain", r"yaitu", r"yakni", r"seperti", r"termasuk", r"meliputi")

#: Words between a locative and its place that leave it locative (Indonesian has no article).
LOCATIVE_SKIP: tuple[str, ...] = ()

#: Before a place: the place is where something happens, not a party.
LOCATIVE: tuple[str, ...] = (r"di", r"ke", r"dari", r"menuju", r"asal", r"wilayah", r"kawasan", r"se")

#: "mitranya dari Changwon": the place is the other party, though "dari" usually locates.
COUNTERPART_BEFORE: tuple[str, ...] = (r"(?:mitra|rekan|kolega|sejawat)(?:nya)? (?:dari|asal)",)

#: Before a place: a government or its council (Malay names appear in Indonesian news too).
GOVERNMENT_BEFORE: tuple[str, ...] = (
    r"pemerintah", r"pemerintahan", r"pemkot", r"pemkab", r"pemprov", r"pemko", r"pemda",
    r"pemerintah republik", r"republik", r"majlis bandaraya", r"majlis perbandaran", r"majlis daerah",
    r"dewan bandaraya", r"dewan kota", r"pemerintah metropolitan", r"pemerintah daerah", r"kerajaan negeri",
    r"pemerintah negara bagian", r"pemerintah prefektur",
)

#: After a place: its government or council ("Seremban City Council").
GOVERNMENT_AFTER: tuple[str, ...] = (
    r"city council", r"municipal council", r"city government", r"metropolitan government", r"government",
)

#: Passive agents that count only after a signing or renewal verb (none: "oleh" is in PARTY_BEFORE, since
#: Indonesian puts it after the verb anyway).
AGENT_BEFORE: tuple[str, ...] = ()

#: The word right before a place that can be a party: conjunctions, partnership
#: prepositions, list intros, kind words. A place after a content word
#: ("penyeberangan Ketapang", "pasar-pasar Denpasar") only modifies a noun.
PARTY_BEFORE: tuple[str, ...] = (
    "dan", "serta", "atau", "dengan", "antara", "bersama", "selain", "yaitu", "yakni", "seperti",
    "termasuk", "lain", "antaranya", "kota", "kabupaten", "provinsi", "prefektur", "pemerintah", "pihak",
    "mitra", "city", "cities", "bersaudara", "kembar", "persahabatan", "oleh", "hubungan", "kemitraan",
    "walikota",  # the one-word spelling of "wali kota", whose "kota" counts already
    # a clause starts: its subject can be a party ("... setelah Padang dan Hildesheim resmi menjadi ...")
    "setelah", "sebelum", "ketika", "saat", "sejak", "karena", "meski", "meskipun", "sementara", "agar",
    "sehingga", "bahwa", "kini", "kemudian", "lalu", "juga", "kali", "baik",
)

#: "of" counts only after these ("the city of X", "the mayors of X").
OF_HEADS: tuple[str, ...] = ()

#: Words that may begin a sentence in capitals without naming an organisation.
SENTENCE_OPENERS: tuple[str, ...] = (
    "selain", "dalam", "menurut", "kepada", "sementara", "bersama", "dengan", "bagi", "untuk",
    "saat", "ketika", "usai", "setelah", "sebelum", "lewat", "melalui", "terbukti", "adapun",
    "sedangkan", "namun", "kini", "rombongan", "delegasi", "kota", "kabupaten", "provinsi",
)

#: Reporting verbs: an official who speaks is a source, not a party ("X mengatakan hubungan A dan B ...").
SPEECH: tuple[str, ...] = (
    r"mengatakan", r"menyatakan", r"menyebut(?:kan)?", r"menjelaskan", r"menambahkan", r"kata", r"ujar(?:nya)?",
    r"ungkap(?:nya)?", r"tutur(?:nya)?", r"menuturkan", r"mengungkapkan", r"menegaskan", r"mengaku", r"berharap",
)

#: Connectors inside a list of names.
AND: tuple[str, ...] = (r"dan", r"serta", r"&")
