# ruff: noqa: E501  (the lesson's prose: one paragraph per line, as in the notebooks)
"""Lesson 9 (your own shop), both languages, written with tools/nbpair.py.

    .venv/bin/python tools/lesson09.py

Every outcome the text states is checked by tests/test_lesson09.py against the same seeds the
widgets use; the numbers themselves are only shown by the widgets.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nbpair import code, md, write_pair  # noqa: E402

CELLS = [
    md("""
# Lesson 9 · Your own shop

**Question:** What does the model say about *your* shop: does its market reward product-centric or customer-centric selling, and should you switch?

**You will learn to:**
- describe a real shop with the few numbers you know, and say "don't know" honestly for the rest;
- calibrate the simulated market to those numbers and judge whether the fit is good enough;
- ask the strategy question for that shop and read the answer with its uncertainty.

**Time:** 15 min teaching, 35 min exercises
""", """
# Pelajaran 9 · Toko Anda sendiri

**Pertanyaan:** Apa kata model tentang toko *Anda*: apakah pasarnya menguntungkan cara berpusat pada produk atau berpusat pada pelanggan, dan perlukah Anda beralih?

**Anda akan belajar:**
- menggambarkan toko nyata dengan beberapa angka yang Anda ketahui, dan jujur menjawab "tidak tahu" untuk sisanya;
- menyesuaikan pasar simulasi dengan angka-angka itu dan menilai apakah kecocokannya cukup baik;
- mengajukan pertanyaan strategi untuk toko itu dan membaca jawabannya beserta ketidakpastiannya.

**Waktu:** 15 menit penjelasan, 35 menit latihan
"""),
    md("""
## Story

Two shopkeepers ask the course's question about their own shop.

In Tondo, Manila, Aling Rosa runs a sari-sari store: rice by the cup, canned goods, soap, phone credit. About 140 neighbours buy from her in a week, and three in four come back within a month. Two similar stores stand on the same block; she never advertises, and she keeps a notebook of who owes what, so she knows every customer by name.

In Yogyakarta, Bu Ratna sells hand-drawn and stamped batik. About 20 people buy from her in a week, but a batik shirt is bought a few times a year, so only one in ten comes back within a month. Three rival batik shops line the same street. She pays for flyers and online ads and brings out new motifs every season: she sells product-centric.

Neither knows the model's parameters. They know their own numbers.
""", """
## Cerita

Dua pemilik toko mengajukan pertanyaan kursus ini tentang toko mereka sendiri.

Di Tondo, Manila, Aling Rosa menjalankan toko sari-sari: beras takaran gelas, makanan kaleng, sabun, pulsa. Sekitar 140 tetangga berbelanja kepadanya dalam seminggu, dan tiga dari empat kembali dalam sebulan. Dua toko serupa berdiri di blok yang sama; ia tidak pernah beriklan, dan ia mencatat utang pelanggan di buku, sehingga ia mengenal setiap pelanggan dengan namanya.

Di Yogyakarta, Bu Ratna menjual batik tulis dan cap. Sekitar 20 orang membeli darinya dalam seminggu, tetapi kemeja batik dibeli hanya beberapa kali setahun, jadi hanya satu dari sepuluh yang kembali dalam sebulan. Tiga toko batik pesaing berjajar di jalan yang sama. Ia membayar brosur dan iklan daring, dan mengeluarkan motif baru setiap musim: ia berjualan dengan cara berpusat pada produk.

Keduanya tidak tahu parameter model. Mereka tahu angka mereka sendiri.
"""),
    md("""
## By hand

Before the computer searches, try it yourself. Two settings of the market are unknown: how often people need what Aling Rosa sells (the need rate) and how many of her neighbours buy such things at all. Move the sliders until the simulated store shows her two numbers. Which slider moves which number?
""", """
## Coba sendiri dulu

Sebelum komputer mencari, coba sendiri. Dua pengaturan pasar tidak diketahui: seberapa sering orang membutuhkan barang yang dijual Aling Rosa (frekuensi kebutuhan) dan berapa banyak tetangganya yang membeli barang seperti itu. Geser slider sampai toko simulasi menunjukkan dua angkanya. Penggeser mana yang menggerakkan angka yang mana?
"""),
    code('ui.by_hand("calibrate", lang=LANG)'),
    md("""
## Predict

Bu Ratna sells product-centric. Bet before you look at her market.
""", """
## Tebak dulu

Bu Ratna berjualan dengan cara berpusat pada produk. Pasang tebakan sebelum Anda melihat pasarnya.
"""),
    code('ui.predict("09_your_shop", "p1", lang=LANG)'),
    md("""
## Experiment 1: Aling Rosa's store, calibrated

The form holds Aling Rosa's numbers, in pesos; every input she did not know would be ticked "don't know" and use its default. The calibration runs her simulated market on four seeds, the same four for every try: first it searches the need rate until the simulated return share meets hers (Brent's method from `scipy.optimize`), then it sets the share of her neighbours who buy such things so that buyers per week match. The chart shows her numbers (diamonds) against the simulated store (bars with their 95% band); the text beside it says whether each is within the tolerance (±10% for buyers, ±5 points for the return share). The map under it asks the head to head in markets around hers: customer-centric minus product-centric, her profit until two years from now, with her fitted need rate halved and doubled (columns) and people talking less or more than the model assumes (rows), five seeds per cell, the same for both sides.

**Why?** Both numbers are matched. Daily goods are needed often, and the return share hardly depends on how big the market is, so the need rate is found first: Rosa's comes out several times higher than Bu Ratna's in experiment 2. Buyers per week grow in proportion to the people in the market, so once the need rate is known the number of people buying follows by a rule of three. Other pairs of settings (need rate with loyalty, or with the pull of buying nothing) move both numbers the same way; many of those pairs would fit equally well, so none could be told apart. On the map, customer-centric is clearly ahead in every cell, however much people talk, and its lead grows with the need rate: the more often her neighbours need her goods, the more a kept buyer is worth. Within half to double the fitted need rate her answer stays the same; only its size leans on the return share she counted.
""", """
## Eksperimen 1: toko Aling Rosa, disesuaikan

Formulir berisi angka Aling Rosa, dalam peso; setiap isian yang tidak ia ketahui akan dicentang "tidak tahu" dan memakai nilai bawaannya. Penyesuaian menjalankan pasar simulasinya dengan empat seed, empat yang sama untuk setiap percobaan: pertama dicari frekuensi kebutuhan sampai bagian pembeli yang kembali di simulasi sama dengan miliknya (metode Brent dari `scipy.optimize`), lalu ditetapkan bagian tetangga yang membeli barang seperti itu supaya pembeli per minggu cocok. Grafik menunjukkan angkanya (berlian) dibandingkan dengan toko simulasi (batang dengan pita 95%); teks di sebelahnya menyebut apakah masing-masing dalam batas toleransi (±10% untuk pembeli, ±5 poin untuk bagian yang kembali). Peta di bawahnya mengajukan adu langsung di pasar-pasar di sekitar pasarnya: berpusat pada pelanggan dikurangi berpusat pada produk, labanya sampai dua tahun dari sekarang, dengan frekuensi kebutuhan hasil penyesuaian dibagi dua dan dikali dua (kolom) dan orang yang bercerita lebih sedikit atau lebih banyak daripada anggapan model (baris), lima seed per sel, sama untuk kedua sisi.

**Mengapa?** Kedua angka cocok. Barang harian sering dibutuhkan, dan bagian pembeli yang kembali hampir tidak bergantung pada besarnya pasar, jadi frekuensi kebutuhan dicari lebih dulu: milik Rosa beberapa kali lebih tinggi daripada milik Bu Ratna di eksperimen 2. Pembeli per minggu tumbuh sebanding dengan jumlah orang di pasar, jadi begitu frekuensi kebutuhan diketahui, jumlah orang yang membeli mengikuti dengan aturan tiga. Pasangan pengaturan lain (frekuensi kebutuhan dengan loyalitas, atau dengan daya tarik untuk tidak membeli) menggerakkan kedua angka ke arah yang sama; banyak pasangan seperti itu akan sama cocoknya, jadi tidak ada yang bisa dibedakan. Di peta, cara berpusat pada pelanggan jelas unggul di setiap sel, seberapa pun orang bercerita, dan keunggulannya makin besar seiring frekuensi kebutuhan: makin sering tetangganya membutuhkan barangnya, makin berharga pembeli yang bertahan. Dari separuh sampai dua kali frekuensi kebutuhan hasil penyesuaian, jawabannya tetap sama; hanya besarnya yang bergantung pada bagian pembeli kembali yang ia hitung.
"""),
    code('rosa = ui.shop("sari_sari", lang=LANG)\nrosa'),
    code('ui.shop_regimes(rosa, lang=LANG)'),
    md("""
## Experiment 2: Bu Ratna's strategy question

Her shop is calibrated the same way; then the strategy question is asked in her market, over five seeds, the same for every choice, in rupiah. **Head to head:** her shop run product-centric or customer-centric from the day it opened, its profit until two years from now; both keep her price, cost and ad budget, only the way of selling differs. **When to switch:** switch to customer-centric now, in six months, in a year, or never, counting only the profit of the next two years.

**Why?** The two questions get different answers. Had she sold customer-centric from the start, she would clearly be ahead: research fits her batik to what the largest group of buyers needs, and customers who are served well come back and talk. But switching *now* shows no clear difference from never switching over the next two years: research takes weeks and money before it pays, loyalty grows slowly, and her product-centric customers do not all stay. What was right at the start is not automatically worth changing to later.
""", """
## Eksperimen 2: pertanyaan strategi Bu Ratna

Tokonya disesuaikan dengan cara yang sama; lalu pertanyaan strategi diajukan di pasarnya, dengan lima seed, sama untuk setiap pilihan, dalam rupiah. **Adu langsung:** tokonya dijalankan berpusat pada produk atau berpusat pada pelanggan sejak hari pertama buka, labanya sampai dua tahun dari sekarang; keduanya memakai harga, modal, dan anggaran iklannya, hanya cara menjualnya yang berbeda. **Kapan beralih:** beralih menjadi berpusat pada pelanggan sekarang, enam bulan lagi, setahun lagi, atau tidak pernah, dengan menghitung hanya laba dua tahun ke depan.

**Mengapa?** Kedua pertanyaan mendapat jawaban yang berbeda. Seandainya ia berjualan berpusat pada pelanggan sejak awal, ia jelas unggul: riset menyesuaikan batiknya dengan kebutuhan kelompok pembeli terbesar, dan pelanggan yang dilayani dengan baik kembali dan bercerita. Tetapi beralih *sekarang* tidak menunjukkan perbedaan yang jelas dibanding tidak pernah beralih selama dua tahun ke depan: riset butuh waktu berminggu-minggu dan uang sebelum terbayar, loyalitas tumbuh perlahan, dan pelanggan lamanya tidak semua bertahan. Yang benar di awal belum tentu layak diganti di tengah jalan.
"""),
    code('ratna = ui.shop("batik", lang=LANG)\nratna'),
    code('ui.shop_question(ratna, lang=LANG)'),
    md("""
## Experiment 3: your own shop

Now your shop (or one you know well: a parent's, a friend's). Untick "don't know" for every number you know, type it, and press **Calibrate**. When the fit is good, press **Save my shop** (it lands in `shops/`; saving again never overwrites), then **Ask the strategy question** and **Draw the map around my numbers** below. If your numbers cannot be matched, the text says which one to check.

**Why?** Whatever your answer, it comes from the same mechanisms as lessons 1-8, in a market made to look like yours on two numbers. Read it with its bands: where they overlap, the model cannot tell the choices apart, and a decision has to rest on something else.
""", """
## Eksperimen 3: toko Anda sendiri

Sekarang toko Anda (atau toko yang Anda kenal baik: milik orang tua, milik teman). Hapus centang "tidak tahu" untuk setiap angka yang Anda ketahui, ketikkan, lalu tekan **Sesuaikan**. Kalau sudah cocok, tekan **Simpan toko saya** (tersimpan di `shops/`; menyimpan lagi tidak pernah menimpa), lalu **Ajukan pertanyaan strategi** dan **Gambar peta di sekitar angka saya** di bawah. Kalau angka Anda tidak bisa dicocokkan, teksnya menyebut angka mana yang perlu diperiksa.

**Mengapa?** Apa pun jawaban Anda, jawaban itu berasal dari mekanisme yang sama dengan pelajaran 1-8, di pasar yang dibuat mirip pasar Anda pada dua angka. Bacalah bersama pitanya: kalau pitanya bertumpang tindih, model tidak bisa membedakan pilihan-pilihannya, dan keputusan harus bersandar pada hal lain.
"""),
    code('mine = ui.shop(lang=LANG)\nmine'),
    code('ui.shop_question(mine, lang=LANG)'),
    code('ui.shop_regimes(mine, lang=LANG)'),
    md("""
## When it does not hold

- **Some numbers cannot be matched.** Suppose Aling Rosa counted every visit instead of different people, and said 1,400 buyers a week. At her return share, 1,500 neighbours cannot give that many different buyers: the calibration says so and names the inputs to check (below).
- **Two numbers do not pin down a whole market.** Only the need rate and the market's size are fitted; loyalty, the pull of buying nothing, how good the rivals are, and how people talk stay at the model's defaults. The rivals are simulated as product-centric shops at your price. An answer for your shop is only as good as those assumptions.
- **Money is the model's.** Its costs of serving and advertising were set for Indonesia in rupiah; pesos are converted at a fixed rate and service costs scale with your price. Treat profits as comparisons between choices, not as a forecast of your bank balance.
""", """
## Saat klaim ini tidak berlaku

- **Ada angka yang tidak bisa dicocokkan.** Misalkan Aling Rosa menghitung setiap kunjungan, bukan orang yang berbeda, lalu menyebut 1.400 pembeli per minggu. Dengan bagian pembeli kembali seperti miliknya, 1.500 tetangga tidak bisa memberi pembeli berbeda sebanyak itu: penyesuaian mengatakannya dan menyebut isian yang perlu diperiksa (di bawah).
- **Dua angka tidak cukup untuk menentukan seluruh pasar.** Hanya frekuensi kebutuhan dan besar pasar yang disesuaikan; loyalitas, daya tarik untuk tidak membeli, seberapa baik pesaing, dan cara orang bercerita tetap pada nilai bawaan model. Pesaing disimulasikan sebagai toko berpusat pada produk dengan harga Anda. Jawaban untuk toko Anda hanya sebaik asumsi-asumsi itu.
- **Uangnya uang model.** Biaya pelayanan dan iklan di model ditetapkan untuk Indonesia dalam rupiah; peso dikonversi dengan kurs tetap dan biaya pelayanan mengikuti harga Anda. Anggaplah laba sebagai perbandingan antarpilihan, bukan ramalan saldo rekening Anda.
"""),
    code('ui.shop("sari_sari", lang=LANG, changes={"buyers_per_week": 1400})'),
    md("""
## Things to try

- Tick "don't know" for the return share of your shop: what is no longer fitted, and how does the report say so?
- Change the number of rival shops, or how you sell now, and calibrate again: does the strategy answer change?
- Would two seeds (as in the by-hand widget) be enough to trust a fit? Compare the 95% bands of the calibration (four seeds) with those of the strategy question (five).
- Trainers: collect the learners' `shops/` files into one folder and run `.venv/bin/python -m sim shop shops/ --question` to see the class's shops side by side.
""", """
## Hal yang bisa dicoba

- Centang "tidak tahu" untuk bagian pembeli yang kembali di toko Anda: apa yang tidak lagi disesuaikan, dan bagaimana laporannya menyebutkannya?
- Ubah jumlah toko pesaing, atau cara Anda menjual sekarang, lalu sesuaikan lagi: apakah jawaban strateginya berubah?
- Apakah dua seed (seperti di widget *Coba sendiri dulu*) cukup untuk memercayai kecocokan? Bandingkan pita 95% penyesuaian (empat seed) dengan pertanyaan strategi (lima seed).
- Pelatih: kumpulkan file `shops/` para peserta dalam satu folder lalu jalankan `.venv/bin/python -m sim shop shops/ --question` untuk melihat toko-toko kelas berdampingan.
"""),
    md("""
## Quiz
""", """
## Kuis
"""),
    code('ui.quiz("09_your_shop", lang=LANG)'),
    md("""
## Key points

- A model answers for *your* shop only after it is calibrated to your numbers; check the fit before trusting the answer.
- Two numbers (buyers per week, the share who come back) can fix two settings of the market (how often people need it, how many buy such things); everything else is an assumption.
- The same seeds for every try (common random numbers) make the search and the comparisons fair.
- "Where would I be had I started differently" and "what pays from now on" are different questions, with different answers.
- Where the bands overlap there is no clear difference: say so, and decide on other grounds.
""", """
## Poin penting

- Model baru bisa menjawab untuk toko *Anda* setelah disesuaikan dengan angka Anda; periksa kecocokannya sebelum memercayai jawabannya.
- Dua angka (pembeli per minggu, bagian yang kembali) bisa menetapkan dua pengaturan pasar (seberapa sering orang membutuhkannya, berapa banyak yang membeli barang seperti itu); sisanya asumsi.
- Seed yang sama untuk setiap percobaan (bilangan acak bersama) membuat pencarian dan perbandingan adil.
- "Di mana saya sekarang seandainya mulai dengan cara lain" dan "apa yang menguntungkan mulai sekarang" adalah dua pertanyaan berbeda, dengan jawaban berbeda.
- Kalau pitanya bertumpang tindih, tidak ada perbedaan yang jelas: katakan itu, dan putuskan dengan alasan lain.
"""),
    md("""
## Glossary

The words of this lesson, with an example each.

Previous: [Lesson 8 · Your strategy](08_sandbox.ipynb) · [Start here and course map](00_start_here.ipynb) · [Bahasa Indonesia](../id/09_toko_anda.ipynb)
""", """
## Glosarium

Istilah dalam pelajaran ini, masing-masing dengan contoh.

Sebelumnya: [Pelajaran 8 · Strategi Anda](08_kotak_pasir.ipynb) · [Mulai di sini dan peta kursus](00_mulai_di_sini.ipynb) · [English](../en/09_your_shop.ipynb)
"""),
    code('ui.glossary(["calibration", "common_random_numbers", "confidence_band", '
         '"product_centric", "customer_centric", "retention"], lang=LANG)'),
]

if __name__ == "__main__":
    for path in write_pair("09_your_shop", "09_toko_anda", CELLS):
        print(path)
