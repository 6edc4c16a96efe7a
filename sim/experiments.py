"""Named experiments of the course: exact presets the lessons' buttons load.

They are scenarios like any other (``sim.run("l3_honest_vs_overpromise")`` works), declared
here lesson by lesson so that ``sim/scenarios.py`` keeps the market's headline cases. Each ends,
in its lesson, with "Why?".
"""

from __future__ import annotations

from .scenarios import SCENARIOS, scenario

PIZZA = SCENARIOS["pizza_shop"].values  # lessons 4 and 6 tell more of the same two shops

# --- Lesson 0: start here ---------------------------------------------------------------

# --- Lesson 1: customer, consumer, client -----------------------------------------------
scenario(
    "l1_gift_street", {"gift_share": 0.7, "seller1.strategy": "product",
                       "seller2.strategy": "customer"},
    ("Batik bought as gifts", "Batik untuk hadiah"),
    ("Two batik shops in Yogyakarta; seven in ten buyers buy for someone else, who wears the "
     "shirt and decides whether it was any good.",
     "Dua toko batik di Yogyakarta; tujuh dari sepuluh pembeli membeli untuk orang lain, yang "
     "memakai kemejanya dan menilai bagus tidaknya."),
    ("Gift purchases, recipients who later buy for themselves, and the customer-centric shop's "
     "profit compared with l1_own_use.",
     "Pembelian hadiah, penerima yang kemudian membeli sendiri, dan laba toko yang berpusat "
     "pada pelanggan dibanding l1_own_use."),
)
scenario(
    "l1_own_use", {"gift_share": 0.0, "seller1.strategy": "product",
                   "seller2.strategy": "customer"},
    ("Batik bought for oneself", "Batik untuk dipakai sendiri"),
    ("The same two batik shops, but every buyer wears what they buy: customer and consumer are "
     "the same person.",
     "Dua toko batik yang sama, tetapi setiap pembeli memakai sendiri yang dibelinya: pelanggan "
     "dan konsumen adalah orang yang sama."),
    ("Profit and satisfaction of the customer-centric shop, against l1_gift_street.",
     "Laba dan kepuasan toko yang berpusat pada pelanggan, dibanding l1_gift_street."),
)
scenario(
    "l1_one_consultant", {"seller1.strategy": "product", "seller2.strategy": "customer",
                          "seller1.offering": "service", "seller2.offering": "service",
                          "seller1.price": 150, "seller2.price": 150, "seller1.unit_cost": 40,
                          "seller2.unit_cost": 40, "seller2.staff": 1},
    ("A consultancy of one", "Konsultan seorang diri"),
    ("Two bookkeeping and tax services in Jakarta; the customer-centric one has a single "
     "consultant for all its clients.",
     "Dua jasa pembukuan dan pajak di Jakarta; yang berpusat pada pelanggan hanya punya satu "
     "konsultan untuk semua kliennya."),
    ("Clients per staff member, quality and satisfaction; do the clients leave?",
     "Klien per staf, kualitas, dan kepuasan; apakah klien pergi?"),
)
scenario(
    "l1_four_consultants", {"seller1.strategy": "product", "seller2.strategy": "customer",
                            "seller1.offering": "service", "seller2.offering": "service",
                            "seller1.price": 150, "seller2.price": 150,
                            "seller1.unit_cost": 40, "seller2.unit_cost": 40,
                            "seller2.staff": 4},
    ("A team of four", "Tim empat orang"),
    ("The same two services; the customer-centric one now pays four consultants.",
     "Dua jasa yang sama; yang berpusat pada pelanggan kini menggaji empat konsultan."),
    ("Quality stays up; the wage bill is four times larger. Which pays more?",
     "Kualitas terjaga; tagihan gaji empat kali lipat. Mana yang lebih menguntungkan?"),
)

# --- Lesson 2: types and characteristics of customers -------------------------------------
scenario(
    "l2_agents", {"n_segments": 1, "seller1.strategy": "customer",
                  "seller2.strategy": "customer", "seller1.ad_reach": 0.04,
                  "seller2.ad_reach": 0.005, "seller2.agents": 10},
    ("Ten agents", "Sepuluh agen"),
    ("Two skincare brands from Jakarta: one advertises and sells direct; the other hardly "
     "advertises and signs up ten agents (internal customers) who buy in bulk and sell to "
     "their friends.",
     "Dua merek perawatan kulit dari Jakarta: satu beriklan dan menjual langsung; yang lain "
     "hampir tidak beriklan dan merekrut sepuluh agen (pelanggan internal) yang kulakan lalu "
     "menjual ke teman-temannya."),
    ("Units sold through agents, agents still working, and who leads in week 13 and at the end.",
     "Unit yang terjual lewat agen, agen yang masih aktif, dan siapa yang unggul di minggu ke-13 "
     "dan di akhir."),
)
scenario(
    "l2_agents_unsupported", {"n_segments": 1, "seller1.strategy": "customer",
                              "seller2.strategy": "customer", "seller1.ad_reach": 0.04,
                              "seller2.ad_reach": 0.005, "seller2.agents": 10,
                              "seller2.agent_support": 0},
    ("Agents left on their own", "Agen dibiarkan sendiri"),
    ("The same ten agents, but the brand gives them no training, no materials, no help.",
     "Sepuluh agen yang sama, tetapi merek itu tidak memberi pelatihan, bahan promosi, atau "
     "bantuan apa pun."),
    ("How many weeks the agents stay, and what happens to the brand's profit after they go.",
     "Berapa minggu agen bertahan, dan apa yang terjadi pada laba merek setelah mereka pergi."),
)
scenario(
    "l2_impulsive_street", {"seller1.strategy": "product", "seller2.strategy": "customer",
                            "share_impulsive": 0.8, "share_thrifty": 0.0},
    ("A street of impulse buyers", "Jalan para pembeli impulsif"),
    ("A busy market street in Manila where eight in ten passers-by buy on the spot when "
     "something catches their eye.",
     "Jalan pasar yang ramai di Manila, tempat delapan dari sepuluh orang langsung membeli "
     "begitu ada yang menarik perhatian."),
    ("Who leads after a quarter, who leads after two years, and how many impulse buyers end up "
     "loyal.",
     "Siapa unggul setelah tiga bulan, siapa unggul setelah dua tahun, dan berapa pembeli "
     "impulsif yang akhirnya jadi setia."),
)
scenario(
    "l2_bargain_hunters", {"seller1.strategy": "product", "seller2.strategy": "customer",
                           "share_impulsive": 0.0, "share_thrifty": 0.8},
    ("A town of bargain hunters", "Kota pemburu diskon"),
    ("Eight in ten people watch prices and wait for promotions; the product-centric shop "
     "offers newcomers 20% off.",
     "Delapan dari sepuluh orang memperhatikan harga dan menunggu promo; toko yang berpusat "
     "pada produk memberi diskon 20% untuk pembeli baru."),
    ("Where the thrifty customers go, and in which lifecycle stage they end up.",
     "Ke mana pelanggan hemat pergi, dan di tahap mana mereka berakhir."),
)

# --- Lesson 3: satisfaction ----------------------------------------------------------
scenario(
    "l3_honest_vs_overpromise", {"seller1.strategy": "customer", "seller1.promise_gap": 0.35,
                                 "seller2.strategy": "customer", "seller1.research_weeks": 0,
                                 "seller2.research_weeks": 0},
    ("Honest or over-promising", "Jujur atau janji berlebih"),
    ("Two online shops in Jakarta sell the same bags; one shop's ads promise far more than the "
     "bag delivers, the other's describe it as it is.",
     "Dua toko online di Jakarta menjual tas yang sama; iklan satu toko menjanjikan jauh "
     "melebihi kenyataan, iklan toko lain apa adanya."),
    ("Satisfaction, complaints and NPS in the first two months; then profit after two years.",
     "Kepuasan, keluhan, dan NPS di dua bulan pertama; lalu laba setelah dua tahun."),
)
scenario(
    "l3_demanding_customers", {"seller1.strategy": "customer", "seller1.promise_gap": 0.35,
                               "seller2.strategy": "customer", "seller1.research_weeks": 0,
                               "seller2.research_weeks": 0, "disconfirmation_weight": 2.0,
                               "loss_aversion": 4.0, "wom_negative_weight": 3.0},
    ("Demanding customers", "Pelanggan yang menuntut"),
    ("The same two shops, but these buyers feel every broken promise sharply and tell their "
     "friends about it.",
     "Dua toko yang sama, tetapi pembelinya sangat merasakan setiap janji yang tidak ditepati "
     "dan menceritakannya ke teman-teman."),
    ("Profit of the over-promiser against the honest shop, compared with "
     "l3_honest_vs_overpromise.",
     "Laba si pemberi janji berlebih dibanding toko yang jujur, dibanding "
     "l3_honest_vs_overpromise."),
)
scenario(
    "l3_late_courier", {"seller1.strategy": "product", "seller2.strategy": "customer",
                        "delivery_reliability": 0.6},
    ("An unreliable courier", "Kurir yang sering telat"),
    ("Both shops ship with a courier that is late four times in ten.",
     "Kedua toko mengirim lewat kurir yang telat empat dari sepuluh kali."),
    ("Satisfaction, NPS and complaints against head_to_head (90% on time).",
     "Kepuasan, NPS, dan keluhan dibanding head_to_head (90% tepat waktu)."),
)

# --- Lesson 4: loyalty and word of mouth ------------------------------------------------
scenario(
    "l4_word_spreads",
    {"n_sellers": 1, "n_customers": 1000, "weeks": 40, "network": "fully_mixed",
     "need_rate": 1.0, "base_churn": 0.0, "lapse_weeks": 520, "outside_option": -1.0,
     "n_segments": 1, "segment_spread": 0.0, "performance_noise": 0.0,
     "delivery_reliability": 1.0, "defect_threshold": 0.0, "review_rate": 0.0,
     "search_rate": 0.0, "share_impulsive": 0.0, "share_thrifty": 0.0, "wom_rate": 0.38,
     "seller1.strategy": "customer", "seller1.research_weeks": 0, "seller1.quality": 1.0,
     "seller1.ad_reach": 0.03, "seller1.targeting": 0.0, "seller1.crm_offer": 0.0},
    ("News spreads (Bass)", "Kabar menyebar (Bass)"),
    ("A new kopi susu stall in Yogyakarta, alone in its neighbourhood: a few people see its "
     "ads each week, and every delighted customer tells someone.",
     "Kedai kopi susu baru di Yogyakarta, satu-satunya di lingkungannya: tiap minggu sedikit "
     "orang melihat iklannya, dan setiap pelanggan yang senang bercerita ke orang lain."),
    ("The S-shaped curve of customers and the week when new customers peak (Bass: about "
     "week 6).",
     "Kurva S jumlah pelanggan dan minggu saat pelanggan baru memuncak (Bass: sekitar minggu "
     "ke-6)."),
)
scenario(
    "l4_friends_only",
    {"n_sellers": 1, "n_customers": 1000, "weeks": 40, "network": "small_world",
     "need_rate": 1.0, "base_churn": 0.0, "lapse_weeks": 520, "outside_option": -1.0,
     "n_segments": 1, "segment_spread": 0.0, "performance_noise": 0.0,
     "delivery_reliability": 1.0, "defect_threshold": 0.0, "review_rate": 0.0,
     "search_rate": 0.0, "share_impulsive": 0.0, "share_thrifty": 0.0, "wom_rate": 0.38,
     "seller1.strategy": "customer", "seller1.research_weeks": 0, "seller1.quality": 1.0,
     "seller1.ad_reach": 0.03, "seller1.targeting": 0.0, "seller1.crm_offer": 0.0},
    ("News spreads among friends", "Kabar menyebar lewat teman"),
    ("The same stall, but people only talk to the six friends they see every week.",
     "Kedai yang sama, tetapi orang hanya bercerita ke enam teman yang mereka temui tiap minggu."),
    ("The same S-curve, a little later and flatter than l4_word_spreads: stories reach friends "
     "who already know.",
     "Kurva S yang sama, sedikit lebih lambat dan landai dibanding l4_word_spreads: cerita "
     "sampai ke teman yang sudah tahu."),
)
scenario(
    "l4_quiet_town", {"seller1.strategy": "product", "seller2.strategy": "customer",
                      "seller2.ad_reach": 0.005, "wom_rate": 0.0, "review_rate": 0.0},
    ("A town that does not talk", "Kota yang tidak bercerita"),
    ("The customer-centric warung barely advertises, and here nobody recommends, complains or "
     "writes reviews.",
     "Warung yang berpusat pada pelanggan hampir tidak beriklan, dan di sini tak ada yang "
     "merekomendasikan, mengeluh, atau menulis ulasan."),
    ("How slowly the customer-centric warung grows, against l4_talkative_town.",
     "Betapa lambat warung yang berpusat pada pelanggan tumbuh, dibanding l4_talkative_town."),
)
scenario(
    "l4_talkative_town", {"seller1.strategy": "product", "seller2.strategy": "customer",
                          "seller2.ad_reach": 0.005, "wom_rate": 0.8, "review_rate": 0.1},
    ("A town that talks", "Kota yang suka bercerita"),
    ("The same barely advertised warung, in a neighbourhood where delighted and angry customers "
     "tell their friends and some write reviews.",
     "Warung yang sama yang hampir tidak beriklan, di lingkungan tempat pelanggan yang senang "
     "maupun kesal bercerita ke teman dan sebagian menulis ulasan."),
    ("Referrals, NPS and active customers, against l4_quiet_town.",
     "Rujukan, NPS, dan pelanggan aktif, dibanding l4_quiet_town."),
)
scenario(
    "l4_pizza_regulars", dict(PIZZA),
    ("Regulars buy the pasta too", "Pelanggan tetap ikut beli pasta"),
    ("Two pizza shops in Quezon City; one adds pasta and drinks, which loyal customers add to "
     "their order.",
     "Dua kedai pizza di Quezon City; satu menambah pasta dan minuman, yang ikut dipesan "
     "pelanggan setia."),
    ("Cross-sales revenue each week and the profit of the shop with three lines.",
     "Pendapatan penjualan silang tiap minggu dan laba kedai dengan tiga lini."),
)
scenario(
    "l4_pizza_no_loyalty", PIZZA | {"loyalty_gain": 0.0},
    ("Nobody becomes a regular", "Tak ada yang jadi langganan"),
    ("The same two pizza shops, in a town where satisfied customers never grow loyal.",
     "Dua kedai pizza yang sama, di kota tempat pelanggan yang puas tidak pernah menjadi setia."),
    ("Cross-sales and the profit of the three-line shop, against l4_pizza_regulars.",
     "Penjualan silang dan laba kedai tiga lini, dibanding l4_pizza_regulars."),
)

# --- Lesson 5: product-centric vs customer-centric --------------------------------------
scenario(
    "l5_first_quarter", {"seller1.strategy": "product", "seller2.strategy": "customer",
                         "weeks": 13},
    ("The first quarter", "Tiga bulan pertama"),
    ("Head to head, but we stop after 13 weeks, when a small shop's savings often run out.",
     "Adu strategi, tetapi berhenti setelah 13 minggu, saat tabungan usaha kecil sering habis."),
    ("Profit of each seller at week 13, and what the customer-centric one has spent on research.",
     "Laba tiap penjual di minggu 13, dan berapa yang sudah dihabiskan penjual yang berpusat pada "
     "pelanggan untuk riset."),
)
FAD = {"seller1.strategy": "product", "seller2.strategy": "customer", "n_segments": 1,
       "segment_spread": 0.0, "fit_width": 0.5, "novelty_weight": 1.0, "share_impulsive": 0.7,
       "share_thrifty": 0.1}  # one need for all, novelty pulls hard, most buy on impulse
scenario(
    "l5_fad_market", FAD,
    ("A fad market", "Pasar musiman (tren)"),
    ("Bubble tea in a busy mall: everyone wants the same thing, the newest flavour pulls hard, and "
     "seven in ten buy on impulse.",
     "Minuman boba di mal yang ramai: semua orang mau hal yang sama, rasa terbaru sangat menarik, "
     "dan tujuh dari sepuluh membeli karena dorongan sesaat."),
    ("When the customer-centric seller overtakes, compared with head_to_head.",
     "Kapan penjual yang berpusat pada pelanggan menyalip, dibanding head_to_head."),
)
scenario(
    "l5_fad_one_year", FAD | {"weeks": 52},
    ("A fad market, one year", "Pasar musiman, satu tahun"),
    ("The same fad market, but the mall lease ends after one year.",
     "Pasar musiman yang sama, tetapi sewa tempat di mal habis setelah satu tahun."),
    ("Who is ahead when the year ends? Check several seeds before you answer.",
     "Siapa unggul saat tahun berakhir? Periksa beberapa seed sebelum menjawab."),
)

# --- Lesson 6: the money side ---------------------------------------------------------
scenario(
    "l6_discounts", {"seller1.strategy": "product", "seller2.strategy": "customer",
                     "seller1.acquisition_discount": 0.4, "share_thrifty": 0.5},
    ("Buying customers with discounts", "Membeli pelanggan dengan diskon"),
    ("Half the town hunts for bargains; the product-centric shop gives newcomers 40% off, the "
     "customer-centric one gives nothing and spends on keeping its customers.",
     "Separuh kota pemburu diskon; toko yang berpusat pada produk memberi pendatang baru potongan "
     "40%, yang berpusat pada pelanggan tidak memberi diskon dan memakai uangnya untuk merawat "
     "pelanggan."),
    ("CAC and CLV of each shop, and how long discount-won customers stay.",
     "CAC dan CLV tiap toko, dan berapa lama pelanggan hasil diskon bertahan."),
)
scenario(
    "l6_pizza_range", dict(PIZZA),
    ("Pizza, pasta and drinks", "Pizza, pasta, dan minuman"),
    ("Two pizza shops in Quezon City; one adds pasta and drinks for its regulars.",
     "Dua kedai pizza di Quezon City; satu menambah pasta dan minuman untuk pelanggan tetapnya."),
    ("Revenue from cross-sales and the mean quality of the three-line shop.",
     "Pendapatan dari penjualan silang dan rata-rata kualitas kedai tiga lini."),
)
scenario(
    "l6_too_many_lines", PIZZA | {"seller2.product_lines": 8},
    ("Eight lines", "Delapan lini"),
    ("The same pizza shop now also sells burgers, noodles, cakes, coffee and ice cream; every "
     "extra line takes a little care away from all the others.",
     "Kedai pizza yang sama kini juga menjual burger, mi, kue, kopi, dan es krim; setiap lini "
     "tambahan sedikit mengurangi perhatian untuk semua lini lain."),
    ("Mean quality and satisfaction of the eight-line shop, against l6_pizza_range.",
     "Rata-rata kualitas dan kepuasan kedai delapan lini, dibanding l6_pizza_range."),
)

# --- Lesson 7: when to switch -----------------------------------------------------------
scenario(
    "l7_usual_market", {"seller1.strategy": "switch", "seller1.switch_week": 26,
                        "seller2.strategy": "product"},
    ("Switch in an ordinary market", "Beralih di pasar biasa"),
    ("A snack shop starts product-centric and plans to become customer-centric at week 26; its "
     "rival stays product-centric. Needs differ across six segments and people talk.",
     "Toko camilan mulai dengan berpusat pada produk dan berencana beralih ke berpusat pada "
     "pelanggan di minggu 26; pesaingnya tetap berpusat pada produk. Kebutuhan orang terbagi ke "
     "beberapa segmen dan orang suka bercerita."),
    ("Costs and satisfaction around the switch week; then sweep the week.",
     "Biaya dan kepuasan di sekitar minggu peralihan; lalu coba berbagai minggu."),
)
scenario(
    "l7_fad_year", FAD | {"seller1.strategy": "switch", "seller1.switch_week": 13,
                          "seller2.strategy": "product", "weeks": 52},
    ("Switch in a one-year fad", "Beralih di tren satu tahun"),
    ("A bubble-tea kiosk with a one-year lease, in the fad market of lesson 5; the rival stays "
     "product-centric.",
     "Kios boba dengan sewa satu tahun, di pasar musiman pelajaran 5; pesaingnya tetap berpusat "
     "pada produk."),
    ("Profit at the end of the year for different switch weeks, over seeds.",
     "Laba di akhir tahun untuk berbagai minggu peralihan, dengan beberapa seed."),
)
scenario(
    "l7_fad_two_years", FAD | {"seller1.strategy": "switch", "seller1.switch_week": 13,
                               "seller2.strategy": "product"},
    ("Switch in a fad, two years", "Beralih di pasar musiman, dua tahun"),
    ("The same kiosk, but the mall renews the lease for a second year.",
     "Kios yang sama, tetapi mal memperpanjang sewanya untuk tahun kedua."),
    ("Does the best switch week move when the horizon doubles?",
     "Apakah minggu peralihan terbaik bergeser kalau waktunya dua kali lebih panjang?"),
)

# --- Lesson 8: your strategy ------------------------------------------------------------
for rival, title, story in (
        ("product", ("Against a product-centric rival", "Melawan pesaing berpusat pada produk"),
         ("Your shop (seller 1) against a rival who advertises to everyone and launches often.",
          "Toko Anda (penjual 1) melawan pesaing yang beriklan ke semua orang dan sering "
          "meluncurkan produk baru.")),
        ("customer", ("Against a customer-centric rival",
                      "Melawan pesaing berpusat pada pelanggan"),
         ("Your shop (seller 1) against a rival who researches, promises honestly and serves well.",
          "Toko Anda (penjual 1) melawan pesaing yang meriset, berjanji jujur, dan melayani dengan "
          "baik.")),
        ("switch", ("Against a switcher", "Melawan pesaing yang beralih"),
         ("Your shop (seller 1) against a rival who sells first and turns customer-centric at week "
          "26.",
          "Toko Anda (penjual 1) melawan pesaing yang berjualan dulu lalu beralih berpusat pada "
          "pelanggan di minggu 26."))):
    scenario(f"l8_vs_{rival}", {"seller1.strategy": "customer", "seller2.strategy": rival},
             title, story,
             ("Your profit against the rival's; then change your levers and try again.",
              "Laba Anda dibanding laba pesaing; lalu ubah tuas Anda dan coba lagi."))

__all__ = ["scenario"]
