"""Named scenarios drawn from the source texts: one dict of parameter values each.

A scenario fixes only what makes it what it is; everything else stays at its default. Each has
a title, a one-line story and a "what to look for" line in both languages, so presets in the
dashboards and experiments in the lessons come from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .params import ParameterError


@dataclass(frozen=True)
class Scenario:
    name: str
    values: dict[str, Any]
    title: dict[str, str]
    story: dict[str, str]
    look_for: dict[str, str]
    seed: int = 1
    tags: tuple[str, ...] = field(default=())


SCENARIOS: dict[str, Scenario] = {}


def scenario(name, values, title, story, look_for, seed=1, tags=()) -> Scenario:
    """Declare a scenario (``title``, ``story``, ``look_for`` are (english, indonesian))."""
    sc = Scenario(name, values, dict(zip(("en", "id"), title, strict=True)),
                  dict(zip(("en", "id"), story, strict=True)),
                  dict(zip(("en", "id"), look_for, strict=True)), seed, tuple(tags))
    SCENARIOS[name] = sc
    return sc


scenario(
    "beginner", {"n_sellers": 1, "seller1.strategy": "product"},
    ("A beginner alone", "Pemula sendirian"),
    ("A new online shop sells to everyone it can reach, launching a new product every quarter.",
     "Toko online baru menjual ke siapa saja yang bisa dijangkau, meluncurkan produk baru tiap "
     "tiga bulan."),
    ("Sales jump at each launch and sag as novelty fades.",
     "Penjualan melonjak tiap peluncuran lalu merosot saat kebaruan memudar."),
)
scenario(
    "head_to_head", {"seller1.strategy": "product", "seller2.strategy": "customer"},
    ("Head to head", "Adu strategi"),
    ("Two warungs on one street: one product-centric, one customer-centric.",
     "Dua warung di satu jalan: satu berpusat pada produk, satu berpusat pada pelanggan."),
    ("Who leads in the first weeks, and who leads at the end?",
     "Siapa unggul di minggu-minggu awal, dan siapa unggul di akhir?"),
)
scenario(
    "switch", {"seller1.strategy": "switch", "seller1.switch_week": 26,
               "seller2.strategy": "product"},
    ("The switch", "Beralih strategi"),
    ("A beginner starts product-centric and turns customer-centric after half a year.",
     "Pemula mulai dengan berpusat pada produk lalu beralih ke pelanggan setelah setengah tahun."),
    ("What happens to costs and satisfaction around week 26?",
     "Apa yang terjadi pada biaya dan kepuasan sekitar minggu ke-26?"),
)
scenario(
    "over_promiser", {"seller1.strategy": "customer", "seller1.promise_gap": 0.35,
                      "seller2.strategy": "customer", "seller1.research_weeks": 0,
                      "seller2.research_weeks": 0},
    ("The over-promiser", "Si pemberi janji berlebih"),
    ("Two shops alike in every way, except that one's ads promise far more than it delivers.",
     "Dua toko yang sama persis, kecuali iklan salah satunya menjanjikan jauh melebihi "
     "kenyataan."),
    ("More people try the over-promiser; fewer come back.",
     "Lebih banyak orang mencoba si pemberi janji; lebih sedikit yang kembali."),
)
scenario(
    "discount_war", {"seller1.strategy": "product", "seller2.strategy": "product",
                     "seller1.acquisition_discount": 0.4, "seller2.acquisition_discount": 0.4,
                     "share_thrifty": 0.5},
    ("Discount war", "Perang diskon"),
    ("Two shops fight for thrifty shoppers with deep newcomer discounts.",
     "Dua toko berebut pembeli hemat dengan diskon besar untuk pelanggan baru."),
    ("Customers won by discounts: how long do they stay, and what did they cost?",
     "Pelanggan yang didapat lewat diskon: berapa lama mereka bertahan, dan berapa biayanya?"),
)
scenario(
    "research_pays", {"seller1.strategy": "product", "seller2.strategy": "customer",
                      "n_segments": 2, "segment_spread": 0.03, "fit_width": 0.08},
    ("Research pays off", "Riset membuahkan hasil"),
    ("Needs are sharp and distinct: a product that misses them satisfies nobody.",
     "Kebutuhan tajam dan berbeda-beda: produk yang meleset tidak memuaskan siapa pun."),
    ("The research weeks cost money; watch what the fitted product does afterwards.",
     "Minggu-minggu riset memakan biaya; perhatikan apa yang terjadi setelah produk pas."),
)
scenario(
    "crowded_market", {"n_sellers": 4, "n_customers": 600, "seller1.strategy": "product",
                       "seller2.strategy": "customer", "seller3.strategy": "product",
                       "seller4.strategy": "switch"},
    ("A crowded market", "Pasar yang ramai"),
    ("Four sellers share one town: two product-centric, one customer-centric, one switcher.",
     "Empat penjual berbagi satu kota: dua berpusat pada produk, satu pada pelanggan, satu "
     "beralih."),
    ("Market shares: who keeps customers when everyone is advertising?",
     "Pangsa pasar: siapa yang mempertahankan pelanggan ketika semua beriklan?"),
)
scenario(
    "diffusion",
    {"n_sellers": 1, "n_customers": 2000, "weeks": 40, "network": "fully_mixed",
     "need_rate": 1.0, "base_churn": 0.0, "lapse_weeks": 520, "outside_option": -1.0,
     "n_segments": 1, "segment_spread": 0.0, "performance_noise": 0.0,
     "delivery_reliability": 1.0, "defect_threshold": 0.0, "review_rate": 0.0,
     "search_rate": 0.0, "share_impulsive": 0.0, "share_thrifty": 0.0, "wom_rate": 0.38,
     "seller1.strategy": "customer", "seller1.research_weeks": 0, "seller1.quality": 1.0,
     "seller1.ad_reach": 0.03, "seller1.targeting": 0.0, "seller1.crm_offer": 0.0},
    ("Pure diffusion (Bass)", "Difusi murni (Bass)"),
    ("One seller, no rival, no churn, and everyone talks to everyone: how does the news spread?",
     "Satu penjual, tanpa pesaing, tanpa pelanggan pergi, dan semua orang saling bicara: "
     "bagaimana kabar menyebar?"),
    ("The S-curve of adopters, and the week when new adopters peak.",
     "Kurva S pengadopsi, dan minggu ketika pengadopsi baru memuncak."),
    tags=("validation",),
)
scenario(
    "lifetime",
    {"n_sellers": 1, "n_customers": 2000, "weeks": 150, "network": "fully_mixed",
     "need_rate": 1.0, "base_churn": 0.1, "lapse_weeks": 520, "outside_option": -1.0,
     "wom_rate": 0.0, "review_rate": 0.0, "search_rate": 0.0, "defect_threshold": 0.0,
     "service_cost": 0.0, "question_cost": 0.0,
     "share_impulsive": 0.0, "share_thrifty": 0.0, "loyalty_weight": 0.0,
     "seller1.strategy": "customer", "seller1.research_weeks": 0, "seller1.ad_reach": 0.05,
     "seller1.crm_offer": 0.0, "seller1.acquisition_discount": 0.0, "seller1.targeting": 0.0},
    ("Lifetime value", "Nilai seumur hidup"),
    ("Every customer stays each week with the same chance: how long do they stay, and what are "
     "they worth?",
     "Tiap pelanggan bertahan tiap minggu dengan peluang yang sama: berapa lama mereka "
     "bertahan, dan berapa nilainya?"),
    ("Mean lifetime against 1/(1-r), and the CLV estimate against the realised margins.",
     "Rata-rata umur pelanggan dibanding 1/(1-r), dan perkiraan CLV dibanding margin nyata."),
    tags=("validation",),
)
scenario(
    "twins", {"seller1.strategy": "customer", "seller2.strategy": "customer"},
    ("Identical twins", "Kembar identik"),
    ("Two sellers with exactly the same settings: any difference is pure chance.",
     "Dua penjual dengan pengaturan persis sama: setiap perbedaan murni kebetulan."),
    ("How big are differences that come from luck alone?",
     "Seberapa besar perbedaan yang hanya berasal dari keberuntungan?"),
    tags=("validation",),
)

# --- Roles and ranges (C4, C5, C6, C12, C13) ---------------------------------------------------
scenario(
    "gift_shop", {"gift_share": 0.7, "seller1.strategy": "product",
                  "seller2.strategy": "customer"},
    ("The gift shop", "Toko kado"),
    ("Two batik shops in Yogyakarta where most buyers buy for someone else: the buyer pays, a "
     "friend wears it and decides whether it was any good.",
     "Dua toko batik di Yogyakarta yang kebanyakan pembelinya membeli untuk orang lain: pembeli "
     "yang membayar, temannya yang memakai dan menilai bagus tidaknya."),
    ("Gift purchases, recipients reached and recipients who became customers themselves; a "
     "buyer comes back only if the gift was well received.",
     "Pembelian hadiah, penerima yang terjangkau, dan penerima yang kemudian jadi pelanggan; "
     "pembeli baru kembali kalau hadiahnya diterima dengan senang."),
)
scenario(
    "reseller_network", {"n_segments": 1, "seller1.strategy": "customer",
                         "seller2.strategy": "customer", "seller1.ad_reach": 0.04,
                         "seller2.ad_reach": 0.005, "seller2.agents": 10},
    ("Agents or direct?", "Lewat agen atau langsung?"),
    ("Two skincare brands: one advertises and sells direct; the other hardly advertises and "
     "grows through ten agents who buy in bulk and sell to their friends.",
     "Dua merek perawatan kulit: satu beriklan dan menjual langsung; yang lain hampir tidak "
     "beriklan dan tumbuh lewat sepuluh agen yang kulakan lalu menjual ke teman-temannya."),
    ("Units sold through agents, agents still active, and who is ahead; then stop the support "
     "(seller2.agent_support = 0) and watch the agents leave.",
     "Unit yang terjual lewat agen, agen yang masih aktif, dan siapa yang unggul; lalu hentikan "
     "dukungan (seller2.agent_support = 0) dan lihat agen-agen pergi."),
)
scenario(
    "service_business", {"seller1.strategy": "product", "seller2.strategy": "customer",
                         "seller1.offering": "service", "seller2.offering": "service",
                         "seller1.price": 150, "seller2.price": 150, "seller1.unit_cost": 40,
                         "seller2.unit_cost": 40},
    ("The consultancy", "Jasa konsultan"),
    ("Two bookkeeping and tax consultancies for small businesses sell a service: their buyers "
     "are clients, and quality depends on how many clients each staff member carries.",
     "Dua jasa pembukuan dan pajak untuk usaha kecil menjual jasa: pembelinya adalah klien, dan "
     "kualitasnya bergantung pada berapa klien yang dipegang tiap staf."),
    ("Clients per staff member and quality over time; the longer a client stays, the harder "
     "it is for a rival to take them.",
     "Klien per staf dan kualitas dari waktu ke waktu; makin lama klien bertahan, makin sulit "
     "pesaing merebutnya."),
)
scenario(
    "pizza_shop", {"seller1.strategy": "customer", "seller2.strategy": "customer",
                   "seller2.product_lines": 3},
    ("The pizza shop", "Kedai pizza"),
    ("Two pizza shops at the two ends of one street, alike in every way, except that one adds "
     "pasta and drinks to its menu.",
     "Dua kedai pizza di dua ujung satu jalan, sama persis, kecuali satu menambah pasta dan "
     "minuman ke menunya."),
    ("Revenue from cross-sales: who buys the pasta and drinks, and does it pay for the extra "
     "lines?",
     "Pendapatan dari penjualan silang: siapa yang membeli pasta dan minuman, dan apakah "
     "lini tambahan itu balik modal?"),
)
scenario(
    "over_expansion", {"seller1.strategy": "customer", "seller2.strategy": "customer",
                       "seller1.product_lines": 3, "seller2.product_lines": 8},
    ("Too many lines", "Terlalu banyak lini"),
    ("The pizza shop with pasta and drinks faces a rival that also sells burgers, noodles, "
     "cakes, coffee and ice cream.",
     "Kedai pizza dengan pasta dan minuman berhadapan dengan pesaing yang juga menjual burger, "
     "mi, kue, kopi, dan es krim."),
    ("Quality and satisfaction of the shop with eight lines, and whether its cross-sales make "
     "up for it.",
     "Kualitas dan kepuasan di kedai dengan delapan lini, dan apakah penjualan silangnya bisa "
     "menutupinya."),
)


def get(name: str, lang: str = "en") -> Scenario:
    """The scenario called ``name``; a clear error listing the valid names otherwise."""
    if name not in SCENARIOS:
        raise ParameterError("error.unknown_scenario", lang, name="scenario", value=name,
                             valid=", ".join(SCENARIOS))
    return SCENARIOS[name]


def scenarios(lang: str = "en") -> list[dict[str, str]]:
    """A table of the scenarios in ``lang``."""
    return [{"name": s.name, "title": s.title[lang], "story": s.story[lang],
             "look_for": s.look_for[lang]} for s in SCENARIOS.values()]


from . import experiments  # noqa: E402,F401  (registers the lessons' named experiments)
