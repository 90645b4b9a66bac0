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
        r"kereta(?: api| bawah tanah)?", r"bus", r"brt", r"mrt", r"lrt", r"jalan raya", r"logistik",
        r"jalan tol", r"trem",
    ),
    "economy_trade": (
        r"ekonomi", r"perdagangan", r"investasi", r"penanaman modal", r"dagang", r"perekonomian", r"ekspor",
        r"impor", r"pasar",
    ),
    "creative_economy": (
        r"ekonomi kreatif", r"umkm", r"ukm", r"usaha kecil(?: dan menengah)?", r"kerajinan",
        r"industri kreatif", r"kriya",
    ),
    "industry": (
        r"industri", r"promosi industri", r"perindustrian", r"manufaktur",
    ),
    "tourism": (
        r"pariwisata", r"wisata", r"wisatawan", r"kepariwisataan", r"desa wisata", r"turis", r"perhotelan",
        r"ekowisata",
    ),
    "culture": (
        r"kebudayaan", r"budaya", r"seni", r"kesenian", r"pertukaran budaya", r"warisan budaya",
        r"cagar budaya", r"pusaka", r"museum", r"tari(?:an)?", r"musik",
    ),
    "education": (
        r"pendidikan", r"beasiswa", r"sekolah", r"universitas", r"perguruan tinggi", r"pelajar", r"mahasiswa",
        r"pertukaran pelajar", r"guru", r"vokasi", r"kampus", r"siswa", r"dosen", r"kurikulum", r"akademik",
        r"politeknik", r"pesantren",
    ),
    "human_resources": (
        r"sumber daya manusia", r"sdm", r"peningkatan kapasitas", r"pelatihan", r"melatih",
        r"pertukaran pegawai", r"magang", r"tenaga kerja", r"kapasitas aparatur", r"trainee", r"keterampilan",
    ),
    "health": (
        r"kesehatan", r"rumah sakit", r"medis", r"perawat", r"perawatan", r"puskesmas", r"klinik", r"dokter",
        r"vaksin(?:asi)?", r"pandemi", r"penyakit", r"gizi",
    ),
    "environment": (
        r"lingkungan hidup", r"lingkungan", r"kebersihan", r"pertamanan", r"taman kota", r"sampah",
        r"persampahan", r"ruang terbuka hijau", r"rth", r"pengomposan", r"kompos", r"rendah karbon",
        r"perubahan iklim", r"polusi", r"pencemaran", r"kualitas udara", r"konservasi", r"terumbu karang",
        r"mangrove", r"hutan kota", r"keanekaragaman hayati", r"plastik", r"daur ulang", r"penghijauan",
        r"reboisasi", r"emisi",
    ),
    "water_sanitation": (
        r"air bersih", r"air minum", r"sanitasi", r"limbah", r"air limbah", r"tinja", r"drainase", r"ipal",
        r"pengelolaan air", r"sumber daya air", r"kolam retensi", r"rumah pompa", r"pompa air",
        r"air minum perpipaan", r"pdam", r"air baku", r"jamban", r"toilet",
    ),
    "urban_planning": (
        r"perencanaan daerah", r"perencanaan kota", r"perencanaan wilayah", r"tata ruang", r"tata kota",
        r"infrastruktur", r"perumahan", r"permukiman", r"prasarana", r"pembangunan kota", r"rencana induk",
        r"master ?plan", r"kawasan kumuh", r"ruang publik", r"penataan kota", r"revitalisasi",
    ),
    "governance": (
        r"pemerintahan", r"tata kelola", r"pelayanan publik", r"administrasi", r"birokrasi",
        r"manajemen pemerintahan", r"good governance", r"reformasi birokrasi",
    ),
    "disaster_management": (
        r"penanggulangan bencana", r"kebencanaan", r"mitigasi bencana", r"bencana", r"banjir",
        r"pengendalian banjir", r"tanggul", r"peringatan dini", r"evakuasi", r"pemadam kebakaran",
        r"tanggap darurat",
    ),
    "agriculture_food": (
        r"pertanian", r"pangan", r"perikanan", r"peternakan", r"perkebunan", r"kelautan", r"budidaya",
        r"nelayan", r"petani", r"beras", r"padi", r"hortikultura", r"agribisnis", r"ikan",
    ),
    "science_technology": (
        r"ilmu pengetahuan", r"teknologi", r"riset", r"inovasi", r"penelitian", r"alih teknologi",
    ),
    "youth_sports": (
        r"pemuda", r"kepemudaan", r"olahraga", r"olah raga", r"pertukaran pemuda", r"atlet", r"sepak ?bola",
        r"bulu tangkis", r"badminton",
    ),
    "social_welfare": (
        r"kesejahteraan sosial", r"pelayanan sosial", r"pengentasan kemiskinan", r"disabilitas",
        r"jaminan sosial", r"perlindungan sosial", r"kemiskinan",
    ),
    "energy": (
        r"energi", r"listrik", r"energi terbarukan", r"efisiensi energi", r"ketenagalistrikan",
        r"pembangkit(?: listrik)?", r"tenaga surya", r"panas bumi", r"biogas", r"plts", r"plta", r"pltu",
    ),
    "security": (
        r"ketertiban", r"keamanan", r"ketenteraman", r"satpol pp",
    ),
}
