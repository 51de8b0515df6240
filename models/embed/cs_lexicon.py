"""A customer-support lexicon written for kvetch: the words support messages
use for the same things, in nine languages, each mapped to one English word
of the embedding table (models/embed/distill_embed.py, ``lexicon``).

Why: the table is distilled from an English-only sentence model, so a French
"remboursement" or a German "Rückerstattung" has a row that means little,
and complaints about one issue split into one cluster per language. Giving
such a word the row of its English counterpart ("refund") lets messages in
different languages about the same issue meet (benchmarks/README.md,
"Complaint clustering", "Languages").

Scope: the vocabulary of support messages across retail, delivery,
payments and banking, subscriptions, apps and accounts, travel and
telecoms (nouns, verbs in the forms customers write, adjectives), chosen
from the domain, not from any corpus. Words are written lower case, as the
tokenizer folds them; accents as usually written (a word of four or more
letters missing one accent is found by the embedder's one-typo fallback).
Each form must be one word to kvetch's tokenizer, must not be spelled like
an entry of the English model's WordPiece vocabulary ("bank", "site",
"client": their rows stay English), and may appear under one target only
(the build checks all three). English words keep their rows; an unknown
English word one typo away from a lexicon word is now read as that word by
the embedder's typo fallback (29 of 12,014 CLINC150 and Bitext utterances,
mostly "reimbursements").

Each entry: English target -> {language: space-separated forms}.
"""

from __future__ import annotations

LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "ru", "ja", "ar")

LEXICON: dict[str, dict[str, str]] = {
    # --- money ------------------------------------------------------------
    "refund": {
        "fr": "remboursement remboursements rembourser remboursez remboursé remboursée",
        "de": "rückerstattung erstattung erstatten erstattet zurückerstattet rückzahlung",
        "es": "reembolso reembolsos reembolsar reembolsado reembolsen",
        "it": "rimborso rimborsi rimborsare rimborsato rimborsata",
        "pt": "reembolso reembolsar reembolsado estorno estornar ressarcimento",
        "nl": "terugbetaling terugbetalen terugbetaald restitutie",
        "ru": "возврат возврата возвратом вернуть верните",
        "ja": "返金 払い戻し",
        "ar": "استرداد الاسترداد استرجاع",
    },
    "money": {
        "de": "geld", "es": "dinero", "it": "soldi denaro", "pt": "dinheiro",
        "nl": "geld", "ru": "деньги денег", "ja": "お金", "ar": "المال فلوس أموال",
    },
    "payment": {
        "fr": "paiement paiements payer payé",
        "de": "zahlung zahlungen bezahlung bezahlen bezahlt",
        "es": "pago pagos pagar pagado pagué",
        "it": "pagamento pagamenti pagare pagato",
        "pt": "pagamento pagamentos pagar pago paguei",
        "nl": "betaling betalingen betalen betaald",
        "ru": "оплата оплату оплаты платеж платёж оплатил оплатила",
        "ja": "支払い 決済",
        "ar": "الدفع دفع دفعت",
    },
    "charged": {
        "fr": "débité débités prélevé prélevée prélèvement facturé",
        "de": "abgebucht abbuchung belastet",
        "es": "cobrado cobraron cobro cargado",
        "it": "addebitato addebitati addebito",
        "pt": "cobrado cobraram cobrança debitado",
        "nl": "afgeschreven afschrijving",
        "ru": "списали списание списаны",
        "ja": "請求",
        "ar": "خصموا",
    },
    "twice": {
        "fr": "doublon", "de": "zweimal doppelt doppelte", "es": "duplicado duplicados",
        "it": "doppio doppia duplicato", "pt": "duplicado duplicada duplicidade",
        "nl": "dubbel dubbele tweemaal", "ru": "дважды двойное", "ja": "二重", "ar": "مرتين مكرر",
    },
    "card": {
        "fr": "carte", "de": "karte kreditkarte", "es": "tarjeta", 
        "pt": "cartão", "nl": "kaart creditcard", "ru": "карта карту карты", "ja": "カード",
        "ar": "البطاقة بطاقة بطاقتي",
    },
    "bank": {
        "fr": "banque bancaire", "es": "bancaria", "it": "banca bancario",
        "pt": "bancária", "ru": "банк банка", "ja": "銀行", "ar": "البنك بنك",
    },
    "invoice": {
        "fr": "facture factures", "de": "rechnung rechnungen", "es": "factura facturas",
        "it": "fattura fatture", "pt": "fatura faturas", "nl": "factuur facturen",
        "ru": "счёт счет счета", "ar": "فاتورة الفاتورة",
    },
    "receipt": {
        "fr": "justificatif", "de": "quittung beleg", "es": "recibo", "it": "ricevuta",
        "pt": "recibo comprovante", "nl": "kwitantie", "ru": "чек квитанция",
        "ja": "レシート 領収", "ar": "إيصال الإيصال",
    },
    "price": {
        "fr": "tarif", "de": "preis preise", "es": "precio precios", "it": "prezzo prezzi",
        "pt": "preço preços", "nl": "prijs prijzen", "ru": "цена цену цены", "ja": "価格 値段",
        "ar": "السعر سعر",
    },
    "discount": {
        "fr": "réduction remise", "de": "rabatt rabattcode gutschein gutscheincode",
        "es": "descuento cupón", "it": "sconto coupon", "pt": "desconto cupom cupão",
        "nl": "korting kortingscode", "ru": "скидка скидку промокод купон",
        "ja": "割引 クーポン", "ar": "خصم كوبون الكوبون",
    },
    "fee": {
        "fr": "frais", "de": "gebühr gebühren", "es": "comisión tarifa", "it": "commissione",
        "pt": "tarifa", "nl": "kosten", "ru": "комиссия комиссию", "ja": "手数料",
        "ar": "رسوم الرسوم",
    },
    "amount": {
        "fr": "montant", "de": "betrag summe", "es": "cantidad", "it": "importo",
        "pt": "quantia", "nl": "bedrag", "ru": "сумма сумму", "ja": "金額",
        "ar": "المبلغ مبلغ",
    },
    "transfer": {
        "fr": "virement", "de": "überweisung überwiesen", "es": "transferencia",
        "it": "bonifico", "pt": "transferência", "nl": "overboeking overschrijving",
        "ru": "перевод", "ja": "振込 送金", "ar": "تحويل التحويل",
    },
    "balance": {
        "fr": "solde", "de": "kontostand guthaben", "es": "saldo", "it": "saldo", "pt": "saldo",
        "nl": "saldo", "ru": "баланс", "ja": "残高", "ar": "الرصيد رصيد",
    },
    "declined": {
        "fr": "refusé refusée refusés", "de": "abgelehnt", "es": "rechazado rechazada rechazo",
        "it": "rifiutato rifiutata rifiutati", "pt": "recusado recusada negado",
        "nl": "geweigerd afgewezen", "ru": "отклонен отклонён отклонена отклонили",
        "ja": "拒否", "ar": "مرفوض رفض",
    },
    "purchase": {
        "fr": "achat achats acheté", "de": "kauf einkauf gekauft", "es": "compra compré",
        "it": "acquisto acquistato comprato", "pt": "compra comprei", "nl": "aankoop gekocht",
        "ru": "покупка покупку купил купила", "ja": "購入", "ar": "الشراء شراء اشتريت",
    },
    "checkout": {
        "de": "kasse", "it": "cassa", "nl": "afrekenen", "ja": "レジ",
    },
    "cart": {
        "fr": "panier", "de": "warenkorb", "es": "carrito", "it": "carrello", "pt": "carrinho",
        "nl": "winkelwagen winkelmandje", "ru": "корзина корзину", "ja": "カート",
        "ar": "السلة سلة",
    },
    # --- orders and delivery ---------------------------------------------
    "order": {
        "fr": "commande commandes commandé commandée", "de": "bestellung bestellungen bestellt",
        "es": "pedido pedidos pedí", "it": "ordine ordini ordinato", "pt": "pedido pedidos encomendei",
        "nl": "bestelling bestellingen besteld", "ru": "заказ заказа заказы заказал заказала",
        "ja": "注文", "ar": "الطلب طلب طلبي",
    },
    "package": {
        "fr": "colis paquet", "de": "paket päckchen pakete", "es": "paquete paquetes",
        "it": "pacco pacchi", "pt": "pacote encomenda encomendas", "nl": "pakket pakketje",
        "ru": "посылка посылку посылки", "ja": "荷物 小包", "ar": "الطرد طرد الشحنة",
    },
    "delivery": {
        "fr": "livraison livraisons", "de": "lieferung zustellung", "es": "entrega",
        "it": "consegna", "pt": "entrega", "nl": "levering bezorging",
        "ru": "доставка доставки доставку", "ja": "配送 配達", "ar": "التوصيل توصيل",
    },
    "delivered": {
        "fr": "livré livrée livrés", "de": "geliefert zugestellt", "es": "entregado entregada",
        "it": "consegnato consegnata", "pt": "entregue", "nl": "geleverd bezorgd",
        "ru": "доставлен доставлена доставили", "ar": "وصل",
    },
    "shipping": {
        "fr": "expédition envoi expédié", "de": "versand versendet verschickt",
        "es": "envío enviado", "it": "spedizione spedito", "pt": "envio enviado",
        "nl": "verzending verzonden", "ru": "отправка отправлен", "ja": "発送",
        "ar": "الشحن شحن",
    },
    "tracking": {
        "fr": "suivi", "de": "sendungsverfolgung sendungsnummer", "es": "seguimiento rastreo",
        "it": "tracciamento", "pt": "rastreamento rastreio", 
        "ru": "отслеживание трек", "ja": "追跡", "ar": "التتبع تتبع",
    },
    "courier": {
        "fr": "livreur transporteur", "de": "kurier zusteller paketbote", "es": "repartidor mensajero",
        "it": "corriere", "pt": "entregador transportadora", "nl": "bezorger koerier",
        "ru": "курьер курьера", "ja": "配達員", "ar": "المندوب مندوب",
    },
    "late": {
        "fr": "retard retardé", "de": "verspätet verspätung", "es": "retraso retrasado",
        "it": "ritardo", "pt": "atraso atrasado atrasada", "nl": "vertraging vertraagd",
        "ru": "задержка задержку опоздание", "ja": "遅延 遅れ", "ar": "تأخير متأخر تأخر",
    },
    "arrived": {
        "fr": "arrivé arrivée", "de": "angekommen", "es": "llegado llegó", "it": "arrivato arrivata",
        "pt": "chegou chegado", "nl": "aangekomen", "ru": "пришел пришёл пришла пришло",
        "ja": "届", "ar": "وصلت",
    },
    "received": {
        "fr": "reçu reçue reçus", "de": "erhalten bekommen", "es": "recibido recibí",
        "it": "ricevuto", "pt": "recebi recebido", "nl": "ontvangen gekregen",
        "ru": "получил получила получен", "ar": "استلمت استلام",
    },
    "missing": {
        "fr": "manquant manquante manque", "de": "fehlt fehlend fehlende",
        "es": "falta faltante", "it": "mancante manca", "pt": "faltando falta",
        "nl": "ontbreekt ontbrekend", "ru": "отсутствует", "ja": "不足",
        "ar": "ناقص مفقود",
    },
    "lost": {
        "fr": "perdu perdue", "de": "verloren", "es": "perdido perdida", "it": "perso smarrito",
        "pt": "perdido perdida extraviado", "nl": "kwijt verloren", "ru": "потерян потеряна потеряли",
        "ja": "紛失", "ar": "ضاع ضائع",
    },
    "damaged": {
        "fr": "endommagé endommagée abîmé abîmée", "de": "beschädigt beschädigte",
        "es": "dañado dañada", "it": "danneggiato danneggiata", "pt": "danificado danificada avariado",
        "nl": "beschadigd", "ru": "поврежден повреждён повреждена", "ja": "破損",
        "ar": "تالف تالفة",
    },
    "broken": {
        "fr": "cassé cassée", "de": "kaputt defekt zerbrochen", "es": "roto",
        "it": "rotto rotta", "pt": "quebrado quebrada", "nl": "kapot",
        "ru": "сломан сломана сломался", "ja": "壊", "ar": "مكسور",
    },
    "wrong": {
        "fr": "mauvais mauvaise erroné", "de": "falsch falsche falschen", "es": "equivocado equivocada incorrecto",
        "it": "sbagliato sbagliata", "pt": "errado errada", "nl": "verkeerde verkeerd",
        "ru": "неправильный неверный", "ja": "違う", "ar": "خاطئ",
    },
    "item": {
        "de": "artikel", "es": "artículo artículos",
        "it": "articolo articoli", "pt": "artigo artigos", "nl": "artikel artikelen",
        "ru": "товар товара", "ja": "商品", "ar": "السلعة",
    },
    "product": {
        "fr": "produit produits", "de": "produkt produkte", "es": "producto productos",
        "it": "prodotto prodotti", "pt": "produto produtos", "nl": "producten",
        "ru": "продукт продукта", "ja": "製品", "ar": "المنتج منتج",
    },
    "size": {
        "fr": "taille", "de": "größe", "es": "talla tamaño", "it": "taglia", "pt": "tamanho",
        "nl": "maat", "ru": "размер", "ja": "サイズ", "ar": "المقاس مقاس",
    },
    "color": {
        "fr": "couleur", "de": "farbe", "it": "colore", "pt": "cor",
        "nl": "kleur", "ru": "цвет", "ja": "色", "ar": "اللون",
    },
    "return": {
        "fr": "retour retourner renvoyer", "de": "rücksendung retoure zurückschicken zurücksenden",
        "es": "devolver devuelto devolución", "it": "restituire", "pt": "devolução devolver",
        "nl": "retour retourneren terugsturen", "ja": "返品", "ar": "إرجاع ارجاع",
    },
    "exchange": {
        "fr": "échange échanger", "de": "umtausch umtauschen", "es": "cambio cambiar",
        "it": "cambio sostituzione", "pt": "troca trocar", "nl": "ruilen omruilen",
        "ru": "обмен обменять", "ja": "交換", "ar": "استبدال",
    },
    "address": {
        "fr": "adresse", "de": "adresse anschrift", "es": "dirección", "it": "indirizzo",
        "pt": "endereço morada", "nl": "adres", "ru": "адрес", "ja": "住所", "ar": "العنوان عنوان",
    },
    "stock": {
        "fr": "rupture", "de": "lager vorrätig", "es": "existencias agotado",
        "it": "magazzino esaurito", "pt": "estoque esgotado", "nl": "voorraad uitverkocht",
        "ru": "наличии", "ja": "在庫", "ar": "المخزون",
    },
    "guarantee": {
        "fr": "garantie", "de": "garantie gewährleistung", "es": "garantía", "it": "garanzia",
        "pt": "garantia", "nl": "garantie", "ru": "гарантия гарантии", "ja": "保証",
        "ar": "الضمان ضمان",
    },
    "repair": {
        "fr": "réparation réparer", "de": "reparatur reparieren", "es": "reparación reparar",
        "it": "riparazione riparare", "pt": "reparo conserto consertar", "nl": "reparatie repareren",
        "ru": "ремонт", "ja": "修理", "ar": "إصلاح تصليح",
    },
    # --- accounts, apps and websites ----------------------------------------
    "account": {
        "fr": "compte", "de": "konto kundenkonto benutzerkonto", "es": "cuenta",
        "pt": "conta", "ru": "аккаунт аккаунта аккаунту", "ja": "アカウント",
        "ar": "الحساب حساب حسابي",
    },
    "password": {
        "fr": "mdp", "de": "passwort kennwort", "es": "contraseña", "pt": "senha",
        "nl": "wachtwoord", "ru": "пароль пароля", "ja": "パスワード", "ar": "المرور",
    },
    "login": {
        "fr": "connexion connecter", "de": "anmeldung anmelden einloggen",
        "es": "sesión", "it": "accesso accedere", "pt": "entrar",
        "nl": "inloggen aanmelden", "ru": "вход войти", "ja": "ログイン", "ar": "الدخول",
    },
    "locked": {
        "fr": "bloqué bloquée verrouillé", "de": "gesperrt", "es": "bloqueada bloqueado",
        "it": "bloccato bloccata", "pt": "bloqueada bloqueado", "nl": "geblokkeerd",
        "ru": "заблокирован заблокирована", "ja": "ロック 凍結", "ar": "مقفل محظور",
    },
    "reset": {
        "fr": "réinitialiser réinitialisation", "de": "zurücksetzen", "es": "restablecer",
        "it": "reimpostare", "pt": "redefinir", "nl": "resetten",
        "ru": "сбросить сброс", "ja": "リセット",
    },
    "email": {
        "fr": "courriel", "es": "correo", "it": "posta", "pt": "correio",
        "ru": "почта почту письмо", "ja": "メール", "ar": "البريد",
    },
    "app": {
        "fr": "appli", "es": "aplicación", "it": "applicazione",
        "pt": "aplicativo aplicação", "ru": "приложение приложения", "ja": "アプリ",
        "ar": "التطبيق تطبيق",
    },
    "website": {
        "de": "webseite", "it": "sito",
        "ru": "сайт сайте", "ja": "サイト ウェブサイト",
        "ar": "الموقع موقع",
    },
    "crashes": {
        "fr": "plante crashe", "de": "stürzt abstürzt absturz abgestürzt",
        "es": "colgó", "it": "crasha", "pt": "trava travando", "nl": "crasht",
        "ru": "вылетает вылетело зависает", "ja": "落ちる クラッシュ", "ar": "يتعطل تعطل",
    },
    "error": {
        "fr": "erreur erreurs", "de": "fehler fehlermeldung", "es": "fallo",
        "it": "errore errori", "pt": "erro erros", "nl": "fout foutmelding",
        "ru": "ошибка ошибку ошибки", "ja": "エラー", "ar": "الخطأ",
    },
    "bug": {
        "fr": "bogue", "de": "programmfehler", "es": "falla", "it": "malfunzionamento",
        "pt": "falha", "ru": "баг сбой", "ja": "不具合 バグ", "ar": "عطل",
    },
    "update": {
        "de": "aktualisierung", "es": "actualización actualizar",
        "it": "aggiornamento aggiornare", "pt": "atualização atualizar", 
        "ru": "обновление обновления", "ja": "アップデート 更新", "ar": "التحديث تحديث",
    },
    "install": {
        "fr": "installer réinstallé", "de": "installiert installieren neuinstalliert",
        "es": "instalar reinstalé", "it": "installare reinstallato", "pt": "instalar reinstalei",
        "nl": "installeren geïnstalleerd", "ru": "установить переустановил", "ja": "インストール",
        "ar": "تثبيت",
    },
    "screen": {
        "fr": "écran", "de": "bildschirm", "es": "pantalla", "it": "schermo schermata",
        "pt": "ecrã", "nl": "scherm", "ru": "экран", "ja": "画面", "ar": "الشاشة",
    },
    "page": {
        "de": "seite", "es": "página", "it": "pagina", "pt": "página",
        "nl": "pagina", "ru": "страница страницу", "ja": "ページ", "ar": "الصفحة",
    },
    "button": {
        "fr": "bouton", "de": "knopf schaltfläche", "es": "botón", "it": "pulsante",
        "pt": "botão", "nl": "knop", "ru": "кнопка кнопку", "ja": "ボタン", "ar": "الزر",
    },
    "code": {
        "es": "código", "it": "codice", "pt": "código",
        "ru": "код", "ja": "コード", "ar": "الرمز رمز",
    },
    "subscription": {
        "fr": "abonnement abonnements", "de": "abo abonnement", "es": "suscripción",
        "it": "abbonamento", "pt": "assinatura subscrição", "nl": "abonnement",
        "ru": "подписка подписку подписки", "ja": "定期", "ar": "الاشتراك اشتراك",
    },
    "cancel": {
        "fr": "annuler résilier résiliation annulation", "de": "kündigen kündigung stornieren stornierung",
        "es": "cancelar cancelación", "it": "annullare disdire disdetta",
        "pt": "cancelar cancelamento", "nl": "opzeggen annuleren opzegging",
        "ru": "отменить отмена отмените", "ja": "解約 キャンセル", "ar": "إلغاء الغاء",
    },
    "renewal": {
        "fr": "renouvellement renouvelé", "de": "verlängerung verlängert", "es": "renovación renovado",
        "it": "rinnovo rinnovato", "pt": "renovação renovado", "nl": "verlenging verlengd",
        "ru": "продление", "ar": "التجديد",
    },
    "notification": {
        "de": "benachrichtigung", "es": "notificación", "it": "notifica",
        "pt": "notificação", "nl": "melding", "ru": "уведомление", "ja": "通知", "ar": "الإشعار",
    },
    "data": {
        "fr": "données", "de": "daten", "es": "datos", "it": "dati", "pt": "dados",
        "nl": "gegevens", "ru": "данные", "ja": "データ", "ar": "البيانات",
    },
    # --- telecom and travel ---------------------------------------------------
    "phone": {
        "fr": "téléphone", "de": "telefon", "es": "teléfono móvil",
        "it": "telefono cellulare", "pt": "telefone celular telemóvel", "nl": "telefoon",
        "ru": "телефон", "ja": "電話", "ar": "الهاتف هاتف",
    },
    "internet": {
        "de": "internetverbindung", "es": "conexión", "it": "connessione",
        "pt": "conexão", "nl": "verbinding", "ru": "интернет", "ja": "ネット",
        "ar": "الإنترنت الانترنت",
    },
    "flight": {
        "de": "flug", "es": "vuelo", "it": "volo", "pt": "voo", "nl": "vlucht",
        "ru": "рейс", "ja": "便 フライト", "ar": "الرحلة",
    },
    "luggage": {
        "fr": "bagage bagages valise", "de": "gepäck koffer", "es": "equipaje maleta",
        "it": "bagaglio valigia", "pt": "bagagem", "nl": "bagage koffer",
        "ru": "багаж багажа", "ja": "手荷物", "ar": "الأمتعة",
    },
    "booking": {
        "fr": "réservation réservé", "de": "buchung gebucht reservierung", "es": "reserva reservado",
        "it": "prenotazione prenotato", "pt": "reserva reservado", "nl": "boeking geboekt reservering",
        "ru": "бронирование бронь", "ja": "予約", "ar": "الحجز حجز",
    },
    # --- support and time ---------------------------------------------------
    "support": {
        "fr": "sav", "de": "kundenservice kundendienst kundensupport",
        "es": "soporte atención", "it": "assistenza", "pt": "suporte atendimento",
        "nl": "klantenservice", "ru": "поддержка поддержку поддержки", "ja": "サポート",
        "ar": "الدعم خدمة",
    },
    "customer": {
        "fr": "cliente", "de": "kunde kundin", "es": "cliente", "it": "cliente",
        "pt": "cliente", "nl": "klant", "ru": "клиент", "ja": "顧客", "ar": "العميل عميل",
    },
    "answer": {
        "fr": "réponse répondre répondu", "de": "antwort antworten geantwortet",
        "es": "respuesta respuestas responder respondido", "it": "risposta risposte rispondere",
        "pt": "resposta respostas responder respondeu", "nl": "antwoord antwoorden reactie",
        "ru": "ответ ответа ответили", "ja": "返信 回答 返事", "ar": "الرد رد",
    },
    "complaint": {
        "fr": "réclamation plainte", "de": "beschwerde reklamation", "es": "reclamación queja reclamo",
        "it": "reclamo lamentela", "pt": "reclamação queixa", "nl": "klacht",
        "ru": "жалоба жалобу претензия", "ja": "苦情 クレーム", "ar": "شكوى الشكوى",
    },
    "manager": {
        "fr": "supérieur", "de": "vorgesetzten vorgesetzter", "es": "gerente encargado",
        "it": "responsabile", "pt": "gerente", "nl": "leidinggevende", "ru": "руководитель начальник",
        "ja": "上司", "ar": "المدير مدير",
    },
    "problem": {
        "fr": "problème problèmes souci", "de": "probleme", "es": "problema problemas",
        "it": "problema problemi", "pt": "problema problemas", "nl": "probleem problemen",
        "ru": "проблема проблему проблемы", "ja": "問題", "ar": "مشكلة المشكلة",
    },
    "help": {
        "fr": "aider aidez", "de": "hilfe helfen", "es": "ayuda ayudar ayuden",
        "it": "aiuto aiutare aiutatemi", "pt": "ajuda ajudar ajudem", "nl": "hulp helpen",
        "ru": "помощь помогите помочь", "ja": "助け", "ar": "مساعدة ساعدوني",
    },
    "waiting": {
        "fr": "attente attendre", "de": "warte warten wartezeit", "es": "esperando esperar",
        "it": "aspettando attesa", "pt": "esperando aguardando",
        "nl": "wacht wachten", "ru": "жду ждать ожидание", "ja": "待 待ち", "ar": "انتظار أنتظر",
    },
    "days": {
        "fr": "jours", "de": "tage tagen", "es": "días", "it": "giorni", "pt": "dias",
        "nl": "dagen", "ru": "дней дня", "ja": "日間", "ar": "أيام",
    },
    "weeks": {
        "fr": "semaines", "de": "wochen", "es": "semanas", "it": "settimane", "pt": "semanas",
        "nl": "weken", "ru": "недели недель", "ja": "週間", "ar": "أسابيع",
    },
    "still": {
        "fr": "toujours", "es": "todavía aún", "it": "ancora", "pt": "ainda",
        "ja": "まだ", "ar": "لازال",
    },
    "again": {
        "de": "wieder erneut nochmal", "es": "nuevamente",
        "it": "nuovamente", "pt": "novamente", "nl": "opnieuw", "ru": "снова опять",
        "ja": "再度", "ar": "مجددا",
    },
    "urgent": {
        "fr": "urgente", "de": "dringend", "es": "urgente", "it": "urgente",
        "pt": "urgente", "nl": "dringend spoed", "ru": "срочно срочный", "ja": "至急 緊急",
        "ar": "عاجل",
    },
    "quality": {
        "fr": "qualité", "de": "qualität", "es": "calidad", "it": "qualità", "pt": "qualidade",
        "nl": "kwaliteit", "ru": "качество", "ja": "品質", "ar": "الجودة",
    },
    "thanks": {
        "fr": "merci remercie", "de": "danke dank", "es": "gracias", "it": "grazie",
        "pt": "obrigado obrigada", "nl": "bedankt dank", "ru": "спасибо благодарю",
        "ja": "ありがとう", "ar": "شكرا شكراً",
    },
    "fast": {
        "fr": "rapide rapidement", "de": "schnell schnelle", "es": "rápido rápida",
        "it": "veloce velocemente", "pt": "rápido rápida", "nl": "snel snelle",
        "ru": "быстро быстрая", "ja": "速い 迅速", "ar": "سريع بسرعة",
    },
    "slow": {
        "de": "langsam", "es": "lento lenta", "it": "lento lenta",
        "pt": "lento lenta", "nl": "traag langzaam", "ru": "медленно медленный",
        "ja": "遅い", "ar": "بطيء",
    },
}
