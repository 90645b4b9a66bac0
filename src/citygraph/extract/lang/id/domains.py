"""Indonesian cue words for the 21 cooperation domains.

Keys are the ``skos:notation`` codes of ``ontology/domains.ttl``. Cues are
regular expressions matched case-insensitively at word boundaries; longer
cues win over the shorter ones they contain ("ekonomi kreatif" over
"ekonomi"). Long single words also match with one typo (see domains.py).
"""

from __future__ import annotations

DOMAIN_CUES: dict[str, tuple[str, ...]] = {
    "smart_city": (
        r"kota cerdas", r"smart ?city", r"teknologi informasi", r"digital(?:isasi)?", r"command center",
        r"e-government", r"e-gov", r"tik", r"pusat informasi", r"cctv", r"jaringan lintas perkotaan",
    ),
    "transport": (
        r"transportasi(?: publik| umum| massal)?", r"lalu ?lintas", r"perhubungan", r"angkutan(?: umum)?",
        r"kereta(?: api| bawah tanah)?", r"bus", r"brt", r"mrt", r"lrt", r"jalan raya",
    ),
    "economy_trade": (
        r"ekonomi", r"perdagangan", r"investasi", r"penanaman modal", r"dagang",
        r"perekonomian", r"ekspor", r"impor", r"pasar",
    ),
    "creative_economy": (
        r"ekonomi kreatif", r"umkm", r"ukm", r"usaha kecil(?: dan menengah)?", r"kerajinan",
        r"industri kreatif", r"kriya",
    ),
    "industry": (r"industri", r"promosi industri", r"perindustrian", r"manufaktur"),
    "tourism": (r"pariwisata", r"wisata", r"wisatawan", r"kepariwisataan", r"desa wisata"),
    "culture": (
        r"kebudayaan", r"budaya", r"seni", r"kesenian", r"pertukaran budaya", r"warisan budaya",
        r"cagar budaya", r"pusaka",
    ),
    "education": (
        r"pendidikan", r"beasiswa", r"sekolah", r"universitas", r"perguruan tinggi", r"pelajar",
        r"mahasiswa", r"pertukaran pelajar", r"guru", r"vokasi", r"kampus",
    ),
    "human_resources": (
        r"sumber daya manusia", r"sdm", r"peningkatan kapasitas", r"pelatihan", r"melatih",
        r"pertukaran pegawai", r"magang", r"tenaga kerja", r"kapasitas aparatur", r"trainee",
    ),
    "health": (r"kesehatan", r"rumah sakit", r"medis", r"perawat", r"perawatan", r"puskesmas"),
    "environment": (
        r"lingkungan hidup", r"lingkungan", r"kebersihan", r"pertamanan", r"taman kota", r"sampah",
        r"persampahan", r"ruang terbuka hijau", r"rth", r"pengomposan", r"kompos", r"rendah karbon",
        r"perubahan iklim", r"polusi", r"pencemaran", r"kualitas udara", r"konservasi", r"terumbu karang",
        r"mangrove", r"hutan kota", r"keanekaragaman hayati",
    ),
    "water_sanitation": (
        r"air bersih", r"air minum", r"sanitasi", r"limbah", r"air limbah", r"tinja", r"drainase",
        r"ipal", r"pengelolaan air", r"sumber daya air", r"kolam retensi", r"rumah pompa", r"pompa air",
        r"air minum perpipaan", r"pdam",
    ),
    "urban_planning": (
        r"perencanaan daerah", r"perencanaan kota", r"perencanaan wilayah", r"tata ruang", r"tata kota",
        r"infrastruktur", r"perumahan", r"permukiman", r"prasarana", r"pembangunan kota",
    ),
    "governance": (
        r"pemerintahan", r"tata kelola", r"pelayanan publik", r"administrasi", r"birokrasi",
        r"manajemen pemerintahan",
    ),
    "disaster_management": (
        r"penanggulangan bencana", r"kebencanaan", r"mitigasi bencana", r"bencana", r"banjir",
        r"pengendalian banjir", r"tanggul", r"peringatan dini", r"evakuasi",
    ),
    "agriculture_food": (
        r"pertanian", r"pangan", r"perikanan", r"peternakan", r"perkebunan", r"kelautan",
        r"budidaya", r"nelayan",
    ),
    "science_technology": (
        r"ilmu pengetahuan", r"teknologi", r"riset", r"inovasi", r"penelitian", r"alih teknologi",
    ),
    "youth_sports": (r"pemuda", r"kepemudaan", r"olahraga", r"olah raga", r"pertukaran pemuda"),
    "social_welfare": (r"kesejahteraan sosial", r"pelayanan sosial", r"pengentasan kemiskinan", r"disabilitas"),
    "energy": (r"energi", r"listrik", r"energi terbarukan", r"efisiensi energi", r"ketenagalistrikan"),
    "security": (r"ketertiban", r"keamanan", r"ketenteraman", r"satpol pp"),
}
