"""Every parameter of the market, declared once.

Each :class:`Param` carries its name, default, valid range, unit, group and a label and help
text in English and Bahasa Indonesia. Validation, the CLI's ``--set`` options, the parameter
tables in ``sim/README.md`` and the dashboard sliders are all generated from this one list.

Market-wide parameters have plain names (``need_rate``). Seller levers are declared once in
:data:`LEVERS` with a default for each strategy and expanded per seller as ``seller1.price``,
``seller2.ad_reach`` ...; a lever left at ``None`` takes its value from the seller's strategy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .i18n import t
from .phase import phase_of

MAX_SELLERS = 4
STRATEGIES = ("product", "customer", "switch")
NETWORKS = ("small_world", "fully_mixed")
OFFERINGS = ("product", "service")


class ParameterError(ValueError):
    """A parameter is unknown or outside its valid range; the message names both."""

    def __init__(self, key: str, lang: str = "en", **fields: Any):
        self.key, self.fields = key, fields
        super().__init__(t(key, lang, **fields))

    def message(self, lang: str) -> str:
        """The same error in another language (the dashboard shows it to learners)."""
        return t(self.key, lang, **self.fields)


@dataclass(frozen=True)
class Param:
    """One tunable quantity: its name, default, range, unit and bilingual texts."""

    name: str
    default: Any
    low: float | None
    high: float | None
    group: str
    unit: str  # a key of the ``unit.*`` strings in the language catalogues
    label: dict[str, str]
    help: dict[str, str]
    kind: str = "float"  # float | int | choice
    choices: tuple[str, ...] = ()
    step: float | None = None
    optional: bool = field(default=False)  # None allowed (seller levers: use the strategy's)

    def text(self, what: str, lang: str = "en") -> str:
        """Label or help text in ``lang`` ('en' or 'id')."""
        return getattr(self, what)[lang]

    def describe_range(self) -> str:
        if self.kind == "choice":
            return " | ".join(self.choices)
        return f"{self.low:g} .. {self.high:g}"

    def validate(self, value: Any, lang: str = "en") -> Any:
        """Return ``value`` converted to this parameter's type, or raise ParameterError."""
        if value is None and self.optional:
            return None
        if self.kind == "choice":
            if value not in self.choices:
                raise ParameterError(
                    "error.bad_choice", lang, name=self.name, value=value,
                    valid=self.describe_range(),
                )
            return value
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ParameterError(
                "error.not_a_number", lang, name=self.name, value=value,
                valid=self.describe_range(),
            ) from None
        if number != number or not (self.low <= number <= self.high):  # NaN fails too
            raise ParameterError(
                "error.out_of_range", lang, name=self.name, value=value,
                valid=self.describe_range(),
            )
        if self.kind == "int":
            if number != int(number):
                raise ParameterError(
                    "error.not_whole", lang, name=self.name, value=value,
                    valid=self.describe_range(),
                )
            return int(number)
        return number


def _p(name, default, low, high, group, unit, en, id_, help_en, help_id, **kw) -> Param:
    return Param(name, default, low, high, group, unit, {"en": en, "id": id_},
                 {"en": help_en, "id": help_id}, **kw)


# --- Market-wide parameters -------------------------------------------------------------------
MARKET: list[Param] = [
    # Population
    _p("n_customers", 300, 10, 20000, "population", "people", "Customers", "Jumlah pelanggan",
       "How many people live in the market.",
       "Berapa banyak orang di pasar ini.", kind="int", step=10),
    _p("n_sellers", 2, 1, MAX_SELLERS, "population", "sellers", "Sellers", "Jumlah penjual",
       "How many sellers compete (seller 1 to 4).",
       "Berapa penjual yang bersaing (penjual 1 sampai 4).", kind="int", step=1),
    _p("weeks", 104, 1, 520, "population", "weeks", "Weeks", "Jumlah minggu",
       "How long the market runs; one step is one week.",
       "Berapa lama pasar berjalan; satu langkah = satu minggu.", kind="int", step=1),
    _p("share_impulsive", 0.2, 0, 1, "population", "share", "Impulsive share",
       "Porsi pembeli impulsif",
       "Share of people who buy on the spot when something catches their eye.",
       "Porsi orang yang langsung membeli begitu melihat sesuatu yang menarik.", step=0.05),
    _p("share_thrifty", 0.25, 0, 1, "population", "share", "Thrifty share", "Porsi pembeli hemat",
       "Share of people who watch prices and buy mostly on promotion.",
       "Porsi orang yang memperhatikan harga dan lebih banyak membeli saat promo.", step=0.05),
    _p("n_segments", 3, 1, 6, "population", "segments", "Need segments", "Segmen kebutuhan",
       "How many groups of similar needs the people form.",
       "Berapa kelompok kebutuhan yang mirip di antara orang-orang.", kind="int", step=1),
    _p("segment_spread", 0.05, 0, 0.25, "population", "distance", "Spread within a segment",
       "Sebaran dalam segmen",
       "How different the needs of people in one segment are.",
       "Seberapa beragam kebutuhan orang dalam satu segmen.", step=0.01),
    # Buying
    _p("need_rate", 0.25, 0.01, 1, "buying", "per_week", "Need rate", "Frekuensi kebutuhan",
       "Chance each week that a person needs the product.",
       "Peluang tiap minggu seseorang membutuhkan produk.", step=0.01),
    _p("impulse_rate", 0.3, 0, 1, "buying", "probability", "Impulse buying", "Belanja impulsif",
       "Chance that an impulsive person buys without a need after seeing an ad or hearing a tip.",
       "Peluang orang impulsif membeli tanpa kebutuhan setelah melihat iklan atau dengar cerita.",
       step=0.05),
    _p("promo_pull", 0.3, 0, 1, "buying", "probability", "Promotion pull", "Daya tarik promo",
       "Chance that a thrifty person buys without a need because a promotion is on.",
       "Peluang orang hemat membeli tanpa kebutuhan karena sedang ada promo.", step=0.05),
    _p("search_rate", 0.2, 0, 1, "buying", "probability", "Online search", "Pencarian online",
       "Chance that someone with a need who knows no seller finds one through online reviews.",
       "Peluang orang yang butuh tapi belum kenal penjual menemukannya lewat ulasan online.",
       step=0.05),
    _p("price_sensitivity", 1.0, 0, 5, "buying", "weight", "Price sensitivity",
       "Kepekaan harga",
       "How much a price above the market's usual price puts people off.",
       "Seberapa besar harga di atas harga pasaran membuat orang mundur.", step=0.1),
    _p("thrifty_price_factor", 3.0, 1, 10, "buying", "times", "Thrifty price factor",
       "Faktor harga pembeli hemat",
       "How many times more price-sensitive thrifty people are.",
       "Berapa kali lipat pembeli hemat lebih peka harga.", step=0.5),
    _p("fit_width", 0.2, 0.02, 0.5, "buying", "distance", "Need tolerance", "Toleransi kebutuhan",
       "How far a product can be from a person's need and still fit.",
       "Seberapa jauh produk boleh meleset dari kebutuhan seseorang dan masih cocok.", step=0.01),
    _p("choice_sharpness", 8, 0.5, 30, "buying", "weight", "Choice sharpness",
       "Ketegasan memilih",
       "How firmly people pick the best-looking option (low = more random).",
       "Seberapa tegas orang memilih opsi terbaik (rendah = lebih acak).", step=0.5),
    _p("outside_option", 0.35, -1, 1, "buying", "score", "Buying nothing",
       "Pilihan tidak membeli",
       "How attractive it is to buy nothing (or elsewhere) instead.",
       "Seberapa menarik pilihan untuk tidak membeli (atau membeli di tempat lain).", step=0.05),
    _p("loyalty_weight", 0.5, 0, 2, "buying", "weight", "Weight of loyalty", "Bobot loyalitas",
       "How much loyalty pulls a person back to the same seller.",
       "Seberapa kuat loyalitas menarik orang kembali ke penjual yang sama.", step=0.05),
    _p("satisfaction_weight", 0.5, 0, 2, "buying", "weight", "Weight of the last experience",
       "Bobot pengalaman terakhir",
       "How much the last experience with a seller pulls a person back, or pushes them away, "
       "when they choose again.",
       "Seberapa kuat pengalaman terakhir dengan seorang penjual menarik orang kembali, atau "
       "justru menjauhkannya, saat memilih lagi.", step=0.05),
    _p("switching_cost", 0.05, 0, 0.5, "buying", "score", "Switching cost",
       "Biaya pindah",
       "The hassle of leaving the seller you usually buy from.",
       "Repotnya meninggalkan penjual langganan.", step=0.01),
    _p("novelty_weight", 0.3, 0, 1, "buying", "score", "Pull of novelty", "Daya tarik produk baru",
       "Extra appeal of a freshly launched product; it fades week by week.",
       "Daya tarik tambahan produk yang baru diluncurkan; memudar tiap minggu.", step=0.05),
    _p("launch_drift", 0.1, 0, 0.5, "buying", "distance", "How new a new product is",
       "Seberapa baru produk baru",
       "How far, on average, a new product lands from the previous one among people's needs "
       "(0 = the same needs, 0.5 = anywhere).",
       "Rata-rata seberapa jauh produk baru bergeser dari produk sebelumnya di antara kebutuhan "
       "orang (0 = kebutuhan yang sama, 0,5 = ke mana saja).", step=0.01),
    _p("novelty_half_life", 8, 1, 104, "buying", "weeks", "Novelty half-life",
       "Waktu paruh kebaruan",
       "Weeks until half of a launch's novelty has worn off.",
       "Berapa minggu sampai setengah daya tarik peluncuran hilang.", step=1),
    # Experience and satisfaction
    _p("loss_aversion", 2.25, 1, 4, "satisfaction", "times", "Loss aversion",
       "Bobot kekecewaan",
       "How many times more a shortfall hurts than an equal surplus pleases.",
       "Berapa kali lipat kekecewaan terasa dibanding kejutan yang sama besar.", step=0.05),
    _p("disconfirmation_weight", 0.5, 0, 2, "satisfaction", "weight", "Weight of surprise",
       "Bobot kejutan",
       "How much the gap between delivery and expectation moves satisfaction.",
       "Seberapa besar selisih kenyataan dan harapan menggeser kepuasan.", step=0.1),
    _p("learning_rate_new", 0.5, 0.05, 1, "satisfaction", "share", "Learning (new)",
       "Belajar (pelanggan baru)",
       "How far a first experience moves a person's expectation toward what they got.",
       "Seberapa jauh pengalaman pertama menggeser harapan ke kenyataan.", step=0.05),
    _p("learning_rate_floor", 0.1, 0, 1, "satisfaction", "share", "Learning (regulars)",
       "Belajar (pelanggan lama)",
       "The smallest expectation update, reached by long-standing customers.",
       "Geseran harapan terkecil, pada pelanggan yang sudah lama.", step=0.05),
    _p("performance_noise", 0.05, 0, 0.3, "satisfaction", "score", "Ups and downs",
       "Naik-turun kualitas",
       "How much each experience varies by chance.",
       "Seberapa besar setiap pengalaman berbeda karena kebetulan.", step=0.01),
    _p("service_weight", 0.2, 0, 1, "satisfaction", "weight", "Weight of service",
       "Bobot layanan",
       "How much after-sales service adds to the experience.",
       "Seberapa besar layanan purnajual menambah pengalaman.", step=0.05),
    _p("delivery_reliability", 0.9, 0, 1, "satisfaction", "probability", "Delivery reliability",
       "Keandalan pengiriman",
       "Chance that an order arrives on time (the courier is shared by all sellers).",
       "Peluang pesanan tiba tepat waktu (kurir yang sama untuk semua penjual).", step=0.05),
    _p("delivery_penalty", 0.3, 0, 1, "satisfaction", "score", "Cost of a late delivery",
       "Akibat telat kirim",
       "How much a late delivery spoils the experience.",
       "Seberapa besar keterlambatan merusak pengalaman.", step=0.05),
    _p("loyalty_gain", 0.3, 0, 1, "satisfaction", "share", "Loyalty gain",
       "Pertumbuhan loyalitas",
       "How fast loyalty grows after satisfying purchases (and shrinks after bad ones).",
       "Seberapa cepat loyalitas tumbuh setelah pembelian yang memuaskan (dan turun jika buruk).",
       step=0.01),
    _p("loyalty_decay", 0.01, 0, 0.5, "satisfaction", "per_week", "Loyalty decay",
       "Pudarnya loyalitas",
       "Share of loyalty that fades each week without a purchase.",
       "Porsi loyalitas yang memudar tiap minggu tanpa pembelian.", step=0.01),
    _p("defect_threshold", 0.15, 0, 1, "satisfaction", "score", "Walk-away point",
       "Batas kecewa",
       "Satisfaction below which a customer drops that seller for good.",
       "Kepuasan di bawah batas ini membuat pelanggan meninggalkan penjual itu selamanya.",
       step=0.05),
    _p("recovery_lift", 0.6, 0, 1, "satisfaction", "share", "Effect of fixing a complaint",
       "Efek menangani keluhan",
       "Share of the disappointment that a handled complaint repairs.",
       "Porsi kekecewaan yang terobati jika keluhan ditangani.", step=0.05),
    _p("base_churn", 0.005, 0, 0.5, "satisfaction", "per_week", "Churn for other reasons",
       "Pergi karena alasan lain",
       "Chance each week that a customer leaves for reasons the seller cannot control (moving "
       "away, changing needs).",
       "Peluang tiap minggu pelanggan pergi karena hal di luar kendali penjual (pindah rumah, "
       "kebutuhan berubah).", step=0.005),
    _p("lapse_weeks", 26, 2, 520, "satisfaction", "weeks", "Weeks until counted lost",
       "Minggu sampai dianggap hilang",
       "A customer who has not bought for this many weeks counts as lost.",
       "Pelanggan yang tidak membeli selama ini dianggap hilang.", kind="int", step=1),
    # Word of mouth and reviews
    _p("network", "small_world", None, None, "word_of_mouth", "none", "Social network",
       "Jaringan sosial",
       "Who talks to whom: a small-world network of friends, or everyone with everyone.",
       "Siapa bicara dengan siapa: jaringan pertemanan dunia-kecil, atau semua dengan semua.",
       kind="choice", choices=NETWORKS),
    _p("network_degree", 6, 2, 30, "word_of_mouth", "people", "Friends per person",
       "Teman per orang",
       "How many people each person talks to regularly (even number).",
       "Berapa orang yang rutin diajak bicara oleh tiap orang (bilangan genap).",
       kind="int", step=2),
    _p("rewiring", 0.1, 0, 1, "word_of_mouth", "probability", "Far-away friends",
       "Teman jauh",
       "Share of friendships that reach outside the neighbourhood.",
       "Porsi pertemanan yang menjangkau keluar lingkungan sendiri.", step=0.05),
    _p("wom_rate", 0.3, 0, 1, "word_of_mouth", "probability", "Talkativeness",
       "Kecenderungan bercerita",
       "Chance that a delighted (or furious) customer tells a friend after a purchase.",
       "Peluang pelanggan yang sangat puas (atau sangat kecewa) bercerita ke teman.", step=0.05),
    _p("wom_negative_weight", 1.0, 0, 5, "word_of_mouth", "times", "Complaint talk",
       "Cerita keluhan",
       "How readily an equally extreme bad experience is told, compared with a good one.",
       "Seberapa mudah pengalaman buruk yang sama ekstremnya diceritakan, dibanding yang baik.",
       step=0.1),
    _p("wom_influence", 0.3, 0, 1, "word_of_mouth", "share", "Trust in friends",
       "Percaya pada teman",
       "How far a friend's story moves the listener's expectation.",
       "Seberapa jauh cerita teman menggeser harapan pendengar.", step=0.05),
    _p("review_rate", 0.1, 0, 1, "word_of_mouth", "probability", "Review writing",
       "Menulis ulasan",
       "Chance that a buyer posts an online review.",
       "Peluang pembeli menulis ulasan online.", step=0.05),
    _p("review_weight", 0.5, 0, 1, "word_of_mouth", "share", "Trust in reviews",
       "Percaya pada ulasan",
       "How much a newcomer's first expectation leans on reviews instead of the seller's promise.",
       "Seberapa besar harapan awal pendatang baru bersandar pada ulasan, bukan janji penjual.",
       step=0.05),
    # Money
    _p("contact_cost", 3.0, 0, 50, "money", "rupiah_k", "Cost per ad contact",
       "Biaya per kontak iklan",
       "What reaching one person with an ad costs.",
       "Biaya menjangkau satu orang dengan iklan.", step=0.5),
    _p("launch_cost", 400.0, 0, 5000, "money", "rupiah_k", "Cost of a launch",
       "Biaya peluncuran",
       "Development cost of launching a new product.",
       "Biaya pengembangan untuk meluncurkan produk baru.", step=50),
    _p("research_cost", 60.0, 0, 1000, "money", "rupiah_k_week", "Research cost",
       "Biaya riset",
       "Weekly cost of researching customers' needs.",
       "Biaya mingguan untuk meriset kebutuhan pelanggan.", step=10),
    _p("service_cost", 6.0, 0, 50, "money", "rupiah_k", "Service cost per sale",
       "Biaya layanan per penjualan",
       "Cost of full after-sales service on one sale (scaled by the service level).",
       "Biaya layanan purnajual penuh untuk satu penjualan (dikali tingkat layanan).", step=0.5),
    _p("question_cost", 3.0, 0, 50, "money", "rupiah_k", "Answering new customers",
       "Melayani pelanggan baru",
       "Extra staff time for a new customer's many questions, per purchase.",
       "Waktu staf tambahan untuk pertanyaan pelanggan baru, per pembelian.", step=0.5),
    _p("recovery_cost", 8.0, 0, 100, "money", "rupiah_k", "Cost of handling a complaint",
       "Biaya menangani keluhan",
       "What it costs to answer and fix one complaint.",
       "Biaya menjawab dan membereskan satu keluhan.", step=1),
    _p("offer_cost", 0.5, 0, 20, "money", "rupiah_k", "Cost per CRM message",
       "Biaya per pesan CRM",
       "Cost of sending one tailored offer to a known customer.",
       "Biaya mengirim satu penawaran khusus ke pelanggan yang sudah dikenal.", step=0.1),
    _p("discount_rate", 0.002, 0, 0.05, "money", "per_week", "Discount rate",
       "Tingkat diskonto",
       "Weekly interest rate used to value future margins (0.002 is about 10% a year).",
       "Bunga mingguan untuk menilai margin masa depan (0,002 kira-kira 10% setahun).",
       step=0.001),
    # Roles: gift buyers and resellers (C4, C6)
    _p("gift_share", 0.0, 0, 1, "roles", "share", "Gift buyers", "Pembeli hadiah",
       "Share of people who buy for someone else: a friend uses what they buy and judges it.",
       "Porsi orang yang membeli untuk orang lain: temannya yang memakai dan menilai barangnya.",
       step=0.05),
    _p("independents", 0, 0, 100, "roles", "people", "Independent resellers",
       "Reseller mandiri",
       "People who buy in bulk from whichever seller leaves them the best margin, and resell.",
       "Orang yang kulakan dari penjual mana pun yang memberi margin terbesar, lalu menjual "
       "lagi.", kind="int", step=1),
    _p("reseller_contacts", 20, 2, 200, "roles", "people", "Contacts per reseller",
       "Kenalan per reseller",
       "How many people each agent or reseller offers the goods to every week.",
       "Berapa orang yang ditawari barang oleh tiap agen atau reseller setiap minggu.",
       kind="int", step=1),
    _p("reseller_stock", 10, 1, 200, "roles", "units", "Reseller stock", "Stok reseller",
       "Units an agent or reseller keeps in stock; it restocks in bulk up to this each week.",
       "Jumlah barang yang disimpan agen atau reseller; tiap minggu ia kulakan sampai segini.",
       kind="int", step=1),
    _p("agent_support_need", 5.0, 1, 500, "roles", "rupiah_k_week", "Support an agent expects",
       "Dukungan yang diharapkan agen",
       "Weekly support (training, materials, help) that fully satisfies a tied agent.",
       "Dukungan mingguan (pelatihan, bahan promosi, bantuan) yang membuat agen benar-benar "
       "puas.", step=1),
    _p("agent_margin_need", 15.0, 1, 500, "roles", "rupiah_k_week", "Margin an agent expects",
       "Margin yang diharapkan agen",
       "Weekly margin from reselling that fully satisfies a tied agent.",
       "Margin mingguan dari menjual lagi yang membuat agen benar-benar puas.", step=1),
    _p("agent_quit_below", 0.4, 0, 1, "roles", "score", "Agent walk-away point",
       "Batas agen berhenti",
       "A tied agent whose contentment with support and margin falls below this quits for good.",
       "Agen yang kepuasannya pada dukungan dan margin turun di bawah batas ini berhenti "
       "selamanya.", step=0.05),
    # Services (C5)
    _p("clients_per_staff", 15, 1, 200, "service", "people", "Clients per staff member",
       "Klien per staf",
       "How many clients one staff member serves well; beyond that, quality suffers.",
       "Berapa klien yang bisa dilayani dengan baik oleh satu staf; lebih dari itu, kualitas "
       "turun.", kind="int", step=1),
    _p("overload_effect", 0.5, 0, 3, "service", "weight", "Effect of overload",
       "Dampak kewalahan",
       "How much quality falls for each extra full load of clients per staff member.",
       "Seberapa jauh kualitas turun untuk tiap beban penuh klien tambahan per staf.", step=0.1),
    _p("staff_cost", 150.0, 0, 2000, "service", "rupiah_k_week", "Cost per staff member",
       "Biaya per staf",
       "Weekly wage of one staff member of a service seller.",
       "Gaji mingguan satu staf penjual jasa.", step=10),
    _p("relationship_lock", 0.2, 0, 1, "service", "score", "Relationship lock-in",
       "Keterikatan hubungan",
       "Extra switching cost a client feels after a year with the same provider (grows with "
       "the weeks together).",
       "Biaya pindah tambahan yang dirasakan klien setelah setahun dengan penyedia jasa yang sama "
       "(bertambah seiring lamanya hubungan).", step=0.05),
    # Product ranges (C12, C13)
    _p("cross_buy_rate", 0.3, 0, 1, "range", "probability", "Cross-buying",
       "Membeli produk lain",
       "Chance that a fully loyal customer also takes each other line of the seller on a visit "
       "(scaled by loyalty).",
       "Peluang pelanggan yang sangat setia ikut mengambil tiap lini lain dari penjual yang sama "
       "saat berbelanja (dikali tingkat loyalitas).", step=0.05),
    _p("line_cost", 20.0, 0, 1000, "range", "rupiah_k_week", "Cost per extra line",
       "Biaya per lini tambahan",
       "Weekly cost of running each product line beyond the first (stock, menu, equipment).",
       "Biaya mingguan menjalankan tiap lini produk selain yang pertama (stok, menu, alat).",
       step=5),
]


@dataclass(frozen=True)
class Lever:
    """A seller lever: one declaration, a default per strategy, expanded per seller."""

    param: Param
    product: Any  # default under the product-centric strategy
    customer: Any  # default under the customer-centric strategy

    def default_for(self, strategy: str, phase: str | None = None) -> Any:
        """The bundle value; ``switch`` uses ``phase`` ('product' before the switch)."""
        bundle = phase or phase_of(strategy)
        return getattr(self, bundle)


def _lever(name, product, customer, low, high, unit, en, id_, help_en, help_id, **kw) -> Lever:
    return Lever(_p(name, None, low, high, "levers", unit, en, id_, help_en, help_id,
                    optional=True, **kw), product, customer)


LEVERS: list[Lever] = [
    _lever("price", 50.0, 50.0, 5, 200, "rupiah_k", "List price", "Harga jual",
           "Price before any discount.", "Harga sebelum diskon.", step=1),
    _lever("unit_cost", 30.0, 30.0, 0, 200, "rupiah_k", "Cost of goods", "Harga pokok",
           "What one unit costs the seller.", "Biaya satu unit bagi penjual.", step=1),
    _lever("quality", 0.8, 0.8, 0, 1, "score", "Quality", "Kualitas",
           "How good the product is when it fits the need.",
           "Seberapa bagus produk jika cocok dengan kebutuhan.", step=0.05),
    _lever("promise_gap", 0.15, 0.0, -0.3, 0.5, "score", "Over-promise", "Janji berlebih",
           "How much the advertising promises above what is delivered (0 = honest).",
           "Seberapa jauh iklan menjanjikan di atas kenyataan (0 = jujur).", step=0.05),
    _lever("ad_reach", 0.08, 0.02, 0, 0.5, "share_week", "Advertising reach",
           "Jangkauan iklan",
           "Share of the market reached by ads each week.",
           "Porsi pasar yang terjangkau iklan tiap minggu.", step=0.01),
    _lever("targeting", 0.0, 1.0, 0, 1, "share", "Targeting", "Penargetan",
           "Share of ads aimed at the researched segment (works once research is done).",
           "Porsi iklan yang diarahkan ke segmen hasil riset (berlaku setelah riset selesai).",
           step=0.1),
    _lever("acquisition_discount", 0.2, 0.0, 0, 0.6, "share", "Discount for newcomers",
           "Diskon pelanggan baru",
           "Price cut on a person's first purchase, to win them over.",
           "Potongan harga untuk pembelian pertama, untuk menarik pelanggan.", step=0.05),
    _lever("launch_every", 13, 0, 0, 104, "weeks", "Launch a new product every",
           "Luncurkan produk baru tiap",
           "Weeks between new product launches (0 = never).",
           "Jarak minggu antar peluncuran produk baru (0 = tidak pernah).", kind="int", step=1),
    _lever("research_weeks", 0, 8, 0, 52, "weeks", "Research time", "Lama riset",
           "Weeks spent studying customers' needs before fitting the product to a segment.",
           "Lama meriset kebutuhan pelanggan sebelum produk disesuaikan dengan segmen.",
           kind="int", step=1),
    _lever("service_level", 0.2, 0.7, 0, 1, "share", "After-sales service",
           "Layanan purnajual",
           "How much care each sale gets after payment.",
           "Seberapa besar perhatian setelah pembayaran.", step=0.05),
    _lever("complaint_handling", 0.1, 0.7, 0, 1, "share", "Complaint handling",
           "Penanganan keluhan",
           "Share of complaints that are answered and fixed.",
           "Porsi keluhan yang dijawab dan dibereskan.", step=0.05),
    _lever("crm_offer", 0.0, 0.1, 0, 0.5, "share", "CRM offer to regulars",
           "Penawaran CRM untuk pelanggan",
           "Discount in a tailored message to own customers who have gone quiet (0 = no CRM).",
           "Diskon dalam pesan khusus ke pelanggan sendiri yang mulai jarang beli (0 = tanpa CRM).",
           step=0.05),
    # Roles and ranges (C5, C6, C12, C13)
    _lever("offering", "product", "product", None, None, "none", "Offering", "Yang dijual",
           "product = goods for customers; service = professional work for clients, whose "
           "quality depends on the staff's capacity.",
           "product = barang untuk pelanggan; service = jasa profesional untuk klien, yang "
           "kualitasnya bergantung pada kapasitas staf.", kind="choice", choices=OFFERINGS),
    _lever("staff", 2, 4, 1, 100, "people", "Staff", "Jumlah staf",
           "Staff members serving the clients of a service seller (each paid every week).",
           "Jumlah staf yang melayani klien penjual jasa (masing-masing digaji tiap minggu).",
           kind="int", step=1),
    _lever("product_lines", 1, 1, 1, 10, "lines", "Product lines", "Lini produk",
           "How many product lines the seller offers (pizza only = 1; pizza, pasta, drinks = 3).",
           "Berapa lini produk yang dijual (pizza saja = 1; pizza, pasta, minuman = 3).",
           kind="int", step=1),
    _lever("line_dilution", 0.01, 0.01, 0, 0.2, "share", "Dilution per pair of lines",
           "Penurunan per pasang lini",
           "Quality lost for every pair of lines competing for the same kitchen, staff and "
           "attention (3 lines = 3 pairs, 8 lines = 28 pairs).",
           "Kualitas yang hilang untuk tiap pasang lini yang berebut dapur, staf, dan perhatian "
           "yang sama (3 lini = 3 pasang, 8 lini = 28 pasang).", step=0.005),
    _lever("bundle", 0.0, 0.1, 0, 0.5, "score", "Bundle lock-in", "Keterikatan paket",
           "Extra switching cost for a customer who already uses two or more of the seller's "
           "lines (an ecosystem).",
           "Biaya pindah tambahan bagi pelanggan yang sudah memakai dua lini atau lebih dari "
           "penjual ini (sebuah ekosistem).", step=0.05),
    _lever("agents", 0, 0, 0, 50, "people", "Tied agents", "Agen resmi",
           "People recruited at the start to resell only this seller's goods.",
           "Orang yang direkrut sejak awal untuk menjual lagi hanya barang penjual ini.",
           kind="int", step=1),
    _lever("agent_price", 0.8, 0.8, 0.3, 1, "share", "Agent price", "Harga agen",
           "What agents and resellers pay, as a share of the list price; the rest is their "
           "margin.",
           "Harga untuk agen dan reseller, sebagai bagian dari harga jual; sisanya margin "
           "mereka.", step=0.05),
    _lever("agent_support", 2.0, 5.0, 0, 500, "rupiah_k_week", "Support per agent",
           "Dukungan per agen",
           "Weekly support spent on each working tied agent.",
           "Biaya dukungan mingguan untuk tiap agen resmi yang masih aktif.", step=1),
]

LEVER_BY_NAME = {lever.param.name: lever for lever in LEVERS}


def _seller_params(i: int) -> list[Param]:
    strategy = _p(f"seller{i}.strategy", "product" if i % 2 else "customer", None, None,
                  "sellers", "none", f"Seller {i}: strategy", f"Penjual {i}: strategi",
                  "product = product-centric, customer = customer-centric, switch = product-"
                  "centric until the switch week, then customer-centric.",
                  "product = berpusat pada produk, customer = berpusat pada pelanggan, switch = "
                  "berpusat pada produk sampai minggu peralihan, lalu pada pelanggan.",
                  kind="choice", choices=STRATEGIES)
    switch = _p(f"seller{i}.switch_week", 26, 0, 520, "sellers", "weeks",
                f"Seller {i}: switch week", f"Penjual {i}: minggu peralihan",
                "With the switch strategy: the week the seller becomes customer-centric.",
                "Untuk strategi switch: minggu ketika penjual beralih ke berpusat pada pelanggan.",
                kind="int", step=1)
    levers = [
        Param(f"seller{i}.{lv.param.name}", None, lv.param.low, lv.param.high, "levers",
              lv.param.unit, lv.param.label, lv.param.help, lv.param.kind, lv.param.choices,
              lv.param.step, optional=True)
        for lv in LEVERS
    ]
    return [strategy, switch, *levers]


PARAMS: dict[str, Param] = {p.name: p for p in MARKET}
for _i in range(1, MAX_SELLERS + 1):
    PARAMS.update({p.name: p for p in _seller_params(_i)})

# Parameters added by other modules (roles, ranges) register here through ``register``.


def register(*new: Param) -> None:
    """Add parameters declared by an extension module (one declaration each)."""
    for p in new:
        if p.name in PARAMS:
            raise ValueError(f"parameter {p.name} declared twice")
        PARAMS[p.name] = p


def defaults() -> dict[str, Any]:
    """Every parameter at its default value."""
    return {name: p.default for name, p in PARAMS.items()}


def validate(values: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    """Defaults overlaid with ``values``, each checked; raises ParameterError naming the culprit."""
    full = defaults()
    for name, value in values.items():
        if name not in PARAMS:
            raise ParameterError("error.unknown_param", lang, name=name, value=value,
                                 valid=", ".join(sorted(PARAMS)[:6]) + ", ...")
        full[name] = PARAMS[name].validate(value, lang)
    if full["share_impulsive"] + full["share_thrifty"] > 1:
        raise ParameterError("error.shares_exceed_one", lang,
                             name="share_impulsive + share_thrifty",
                             value=round(full["share_impulsive"] + full["share_thrifty"], 3),
                             valid="0 .. 1")
    resellers = full["independents"] + sum(
        seller_levers(full, i, phase_of(full[f"seller{i}.strategy"]))["agents"]
        for i in range(1, full["n_sellers"] + 1))
    if resellers > full["n_customers"] // 2:
        raise ParameterError("error.out_of_range", lang, name="agents + independents",
                             value=resellers, valid=f"0 .. {full['n_customers'] // 2}")
    if full["network"] == "small_world" and full["network_degree"] >= full["n_customers"]:
        raise ParameterError("error.out_of_range", lang, name="network_degree",
                             value=full["network_degree"],
                             valid=f"2 .. {full['n_customers'] - 1}")
    return full


def seller_levers(values: dict[str, Any], seller: int, phase: str) -> dict[str, Any]:
    """Lever values of ``seller`` (1-based) in ``phase`` ('product' or 'customer').

    A lever the user set explicitly keeps its value in both phases of a switch; the others come
    from the strategy bundle of the phase.
    """
    out = {}
    for lever in LEVERS:
        explicit = values.get(f"seller{seller}.{lever.param.name}")
        out[lever.param.name] = explicit if explicit is not None else lever.default_for(
            phase, phase)
    return out


def params(lang: str = "en", group: str | None = None) -> list[dict[str, Any]]:
    """A table of the parameters (one dict each) in ``lang``; seller levers once, generically."""
    rows = []
    for p in [*MARKET, *(lv.param for lv in LEVERS), *_extension_params()]:
        if group and p.group != group:
            continue
        row = {"name": p.name, "group": t(f"group.{p.group}", lang), "default": p.default,
               "range": p.describe_range(), "unit": t(f"unit.{p.unit}", lang),
               "label": p.label[lang], "help": p.help[lang]}
        if p.name in LEVER_BY_NAME:
            lever = LEVER_BY_NAME[p.name]
            row["default"] = f"{lever.product} / {lever.customer}"
        rows.append(row)
    return rows


def _extension_params() -> list[Param]:
    known = {p.name for p in MARKET} | {f"seller{i}.{lv.param.name}" for i in
                                        range(1, MAX_SELLERS + 1) for lv in LEVERS}
    return [p for name, p in PARAMS.items() if name not in known
            and not name.startswith("seller") ]
