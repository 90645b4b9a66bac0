"""Indonesian words that are also place names: not a place without a cue.

The gazetteer's mention finder skips a *single-token* name when its normalised
form is in :data:`STOP_WORDS`, unless a kind prefix ("Kota", "Kabupaten",
"Pemkab", ...) stands before it ("Kota Batu" is found, "Batu itu keras" is
not). The lists are general language data, chosen by principle and not from the
development articles:

- :data:`COMMON_WORDS`: frequent Indonesian words (function words, common nouns,
  verbs and adjectives of news prose). Any gazetteer name equal to one of them
  (Batu, Kota, Barat, Baru, Tengah, Raya, Banjar, Pasar, ...) is too ambiguous
  on its own once capitalised at the start of a sentence or in a title.
- :data:`NEVER_ALONE`: month and weekday names, number words and the kind
  words themselves (GeoNames has towns named Mei, Minggu, Lima, and Kota in
  India has a million inhabitants): never a place on their own, however big.
- :data:`FIRST_NAMES`: frequent Indonesian given names that are also place
  names (Bima as in "Bima Arya", Agam, Bambang, ...); personal names cross
  languages, so the gazetteer applies them to English text too.

The gazetteer exempts names of big places (countries, Indonesian provinces,
first-level divisions, cities with 500,000+ inhabitants) from
:data:`COMMON_WORDS` and :data:`FIRST_NAMES`: "Medan" or "Malang" are words too, but a capitalised
"Malang" in the news is the city.
"""

from __future__ import annotations

COMMON_WORDS: frozenset[str] = frozenset(
    """
    acara ada adat agama agar air akan akhir aku alam alat aman anak andalan aneka angin
    surat naskah nota piagam batas pasar pantai pelabuhan kantor gedung rumah jalan warisan dunia
    antara apa api arah arti asal asing atas atau awal bagi bagian bahan bahwa baik balai
    bandar bangsa banyak barang baru barat batas batu bawah bayar beda bekal belum benar
    bentuk besar biasa bidang bila bisa bukan bukit bulan bumi bunga buruh cara cepat cinta
    daerah dalam dana danau dapat darat dari dasar data datang daya dekat demi dengan depan
    desa dia dini dunia emas gading gedung gunung guru hadir hal hari harga harus
    hati hidup hijau hilir hukum hulu hutan ibu ikan ilmu indah ini intan isi itu jalan jalur
    jauh jaya juga kabar kali kalau kami kampung kantor karang karena kata kaya kayu kecil
    kedua kelapa keras kerja kini kira kita kuala kuat kulon kuning kurang laut lain
    lama langit lapangan lebih lembah lintas luar lurus maju makan makmur mana manis
    masa masih mata mau merah muda mulai muara nama negara negeri nilai oleh orang pagi para
    paling panjang pantai pasar pasir payung pemuda pendek penting perak pesisir pintu pola
    pulau pusat putih raja ramah raya rumah rakyat sagu saja sakti salah sama sampai sangat
    sawah sedang sejahtera sekali selalu selatan semua sentosa setia siang sikap
    simpang sinar sudah suka sumber sungai surya tahu tahun taman tanah tanjung tanpa tata
    teluk tempat tengah tepi terang timur tinggi tua turun umum untuk usaha
    utama utara warga warna wilayah
    """.split()
)

NEVER_ALONE: frozenset[str] = frozenset(
    """
    januari februari pebruari maret april mei juni juli agustus september oktober
    november nopember desember senin selasa rabu kamis jumat sabtu minggu ahad
    satu dua tiga empat lima enam tujuh delapan sembilan sepuluh seratus seribu
    kota kabupaten provinsi negara pemerintah
    """.split()
)

FIRST_NAMES: frozenset[str] = frozenset(
    """
    adi agam agung agus ahmad andi anggrek anjani arjuna arya bagus bambang bayu bima budi cahaya
    citra dewi dian eka fajar gita hadi hana indra intan irawan joko kartika krisna laras
    made mega melati nusa putra putri rahmat ratna rini sari satria sinta slamet sri surya taufik
    tirta wahyu wati wulan yudha
    """.split()
)

#: Personal names, applied to text in any language.
PERSONAL_NAMES: frozenset[str] = FIRST_NAMES
