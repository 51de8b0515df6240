"""Customer-service phrases written for kvetch, used to augment the training
data of the emotion model (models/emotion/train_emotion.py).

The public corpora are Reddit comments (GoEmotions), tweets (XLM-T) and
movie subtitles (XED); none of them sounds like a support ticket. These
hand-written phrases teach the model what a complaint, a polite complaint, a
thank-you and a plain question look like in the seven main languages. Each
phrase is combined with openers and closers (``expand``), so that the model
sees them in varied contexts. The behaviour tests (tests/data/emotion.tsv)
use different sentences, so they measure generalisation, not recall.

Each entry: (GoEmotions labels, polarity, [phrases]).
"""

from __future__ import annotations

import os

# polarity: 0 negative, 1 neutral, 2 positive
PHRASES: dict[str, list[tuple[tuple[str, ...], int, list[str]]]] = {
    "en": [
        (("annoyance",), 0, [
            "i am very dissatisfied with the service",
            "the device stopped working after three days",
            "what a disaster, nothing works",
            "the quality is poor and the support is worse",
            "the tablet died after a week of use",
            "my parcel still has not arrived after two weeks",
            "i have been waiting for my refund for a month",
            "you charged me twice for the same order",
            "the app keeps crashing every time i open it",
            "i cannot log in to my account since yesterday",
            "nobody answers my emails",
            "kindly sort this out as soon as possible",
            "please refund me the full amount",
            "could you please finally fix this issue",
            "i would appreciate it if someone actually looked into this",
            "this is the third time i am asking",
            "still waiting for an answer",
            "the package was left in the rain and everything is wet",
        ]),
        # Factual problem reports: no emotion word, but a human rater calls
        # them negative. Without them the English head, trained mostly on
        # Reddit comments where such statements are labelled neutral, scored
        # 46% of the sample archive's English complaints neutral (38% after).
        (("annoyance",), 0, [
            "my order arrived with a missing part",
            "the courier marked it delivered but it never came",
            "the router drops the connection every evening",
            "my bill is higher than what i signed up for",
            "the money left my account but the order shows unpaid",
            "the replacement you sent has the same fault",
            "i was charged a cancellation fee i was never told about",
            "the heater stopped heating after the first week",
            "the reset email never shows up in my inbox",
            "your website logs me out every few minutes",
            "the shoes came in the wrong size and the box was torn",
            "my flight was cancelled and nobody rebooked me",
            "the technician did not turn up for the appointment",
            "i returned it a month ago and the credit is still missing",
            "the discount was not applied at the till",
            "half of the items in my basket disappeared at payment",
            "the invoice shows a product i never ordered",
            "the battery drains within two hours",
            "my transfer has been pending for six days",
            "the seat i paid for was given to someone else",
            "i keep getting an error when i try to pay",
            "the screen flickers and then goes black",
            "the parcel was opened and the charger was gone",
            "you took the payment twice this month",
            "the sync stopped working after the last update",
            "the food arrived cold and an hour late",
            "my card was blocked without any warning",
            "the promised callback never happened",
            "i was put on hold for forty minutes and then cut off",
            "the tracking number you gave me does not exist",
            "the zip on the jacket broke the first time i wore it",
            "my account shows a balance that is wrong",
            "the washing machine leaks all over the floor",
            "i ordered two and only one was in the box",
            "the export button does nothing",
            "my subscription renewed even though i had cancelled it",
            "the delivery slot was missed twice",
            "the login code arrives after it has already expired",
            "i want my money back for this broken kettle",
            "i will dispute the charge with my bank",
            "i am still waiting for the engineer",
            "the coffee machine makes a grinding noise and no coffee",
        ]),
        (("anger",), 0, [
            "this is absolutely unacceptable",
            "worst customer service i have ever had",
            "you people are useless",
            "i am furious about how i have been treated",
        ]),
        (("disappointment",), 0, [
            "i expected much better from your company",
            "the product broke after one week, very disappointing",
            "sadly the replacement is also defective",
        ]),
        (("nervousness",), 0, [
            "i am worried my card details were stolen",
            "i am afraid i will be charged again",
        ]),
        (("confusion",), 0, [
            "i do not understand why my invoice is so high",
            "i am confused, the tracking page says delivered but i have nothing",
        ]),
        (("gratitude",), 2, [
            "my thanks to the agent who helped me yesterday",
            "big thanks to your team",
            "thanks, that fixed it right away",
            "thank you so much for the quick help",
            "thanks a lot, the issue is solved",
            "many thanks to your support team",
        ]),
        (("joy", "approval"), 2, [
            "top service, quick and efficient",
            "the latest version works really well",
            "five stars, easy to use",
            "everything works perfectly now",
            "great service, the delivery was fast",
            "very happy with my new phone",
            "the agent was friendly and helpful",
        ]),
        (("neutral",), 1, [
            "where can i find my invoice",
            "do you deliver to ireland",
            "how long does delivery take",
            "is this item in stock",
            "can i change the size of my order",
            "how do i return an item",
            "when will my order be shipped",
            "do you have a student discount",
            "how do i change my delivery address",
            "what are your opening hours",
            "i would like to update my email address",
            "can i pay by bank transfer",
            "please send me a copy of the invoice",
            "my order number is 12345",
        ]),
    ],
    "fr": [
        (("annoyance",), 0, [
            "je suis très mécontent du service",
            "l'appareil ne marche plus après trois jours",
            "quelle catastrophe, rien ne fonctionne",
            "service client lamentable",
            "je suis insatisfait de la qualité",
            "mon colis n'est toujours pas arrivé après deux semaines",
            "j'attends mon remboursement depuis un mois",
            "vous m'avez débité deux fois pour la même commande",
            "l'application plante à chaque ouverture",
            "je n'arrive plus à me connecter à mon compte",
            "personne ne répond à mes mails",
            "merci de corriger cela rapidement",
            "veuillez me rembourser la totalité",
            "je vous relance pour la troisième fois",
            "toujours aucune réponse",
        ]),
        (("anger",), 0, [
            "c'est inadmissible",
            "le pire service client que j'ai jamais vu",
            "je suis furieux",
        ]),
        (("disappointment",), 0, [
            "très déçu de ce produit",
            "le produit est tombé en panne au bout d'une semaine",
        ]),
        (("gratitude",), 2, [
            "merci à la conseillère qui m'a aidé hier",
            "un grand merci à votre équipe",
            "merci, tout est rentré dans l'ordre",
            "merci beaucoup pour votre aide rapide",
            "merci, le problème est résolu",
        ]),
        (("joy", "approval"), 2, [
            "service impeccable, rapide et efficace",
            "la dernière version marche vraiment bien",
            "cinq étoiles, facile à utiliser",
            "tout fonctionne parfaitement maintenant",
            "super service, livraison rapide",
            "très satisfait de ma commande",
        ]),
        (("neutral",), 1, [
            "où puis-je trouver ma facture",
            "livrez-vous en belgique",
            "combien de temps prend la livraison",
            "cet article est-il en stock",
            "puis-je changer la taille de ma commande",
            "comment retourner un article",
            "quand ma commande sera-t-elle expédiée",
            "combien de temps ai-je pour retourner un article",
            "comment changer mon adresse de livraison",
            "quels sont vos horaires d'ouverture",
            "je voudrais modifier mon adresse mail",
            "pouvez-vous m'envoyer la facture",
        ]),
    ],
    "de": [
        (("annoyance",), 0, [
            "ich bin sehr unzufrieden mit dem service",
            "das gerät funktioniert nach drei tagen nicht mehr",
            "eine katastrophe, nichts funktioniert",
            "der kundendienst ist miserabel",
            "die lieferung war ein desaster",
            "mein paket ist nach zwei wochen immer noch nicht angekommen",
            "ich warte seit einem monat auf meine rückerstattung",
            "sie haben mir den betrag doppelt abgebucht",
            "die app stürzt ständig ab",
            "ich kann mich seit gestern nicht mehr einloggen",
            "niemand antwortet auf meine e-mails",
            "bitte beheben sie das endlich",
            "bitte erstatten sie mir den vollen betrag",
            "ich schreibe ihnen jetzt zum dritten mal",
        ]),
        (("anger",), 0, [
            "das ist eine frechheit",
            "der schlechteste kundenservice überhaupt",
            "ich bin stinksauer",
        ]),
        (("disappointment",), 0, [
            "ich bin sehr enttäuscht von diesem produkt",
            "das gerät ist nach einer woche kaputt gegangen",
        ]),
        (("gratitude",), 2, [
            "danke an die mitarbeiterin, die mir gestern geholfen hat",
            "ein großes dankeschön an ihr team",
            "danke, jetzt klappt alles wieder",
            "vielen dank für die schnelle hilfe",
            "danke, das problem ist gelöst",
        ]),
        (("joy", "approval"), 2, [
            "tadelloser service, schnell und effizient",
            "die neueste version läuft richtig gut",
            "fünf sterne, einfach zu bedienen",
            "jetzt funktioniert alles perfekt",
            "toller service, schnelle lieferung",
            "ich bin sehr zufrieden",
        ]),
        (("neutral",), 1, [
            "wo finde ich meine rechnung",
            "liefern sie auch nach österreich",
            "wie lange dauert die lieferung",
            "ist dieser artikel auf lager",
            "kann ich die größe meiner bestellung ändern",
            "wie sende ich einen artikel zurück",
            "wann wird meine bestellung verschickt",
            "bis wann kann ich einen artikel zurückgeben",
            "wie ändere ich meine lieferadresse",
            "wann haben sie geöffnet",
            "ich möchte meine e-mail-adresse ändern",
            "können sie mir die rechnung schicken",
        ]),
    ],
    "es": [
        (("annoyance",), 0, [
            "estoy muy insatisfecho con el servicio",
            "el aparato dejó de funcionar a los tres días",
            "un desastre, nada funciona",
            "la atención al cliente es pésima",
            "el envío fue una catástrofe",
            "mi paquete todavía no ha llegado después de dos semanas",
            "llevo un mes esperando mi reembolso",
            "me han cobrado dos veces el mismo pedido",
            "la aplicación se cierra cada vez que la abro",
            "no puedo entrar en mi cuenta desde ayer",
            "nadie responde a mis correos",
            "por favor solucionen esto cuanto antes",
            "por favor devuélvanme el dinero",
            "ya os he escrito tres veces",
        ]),
        (("anger",), 0, [
            "esto es inaceptable",
            "el peor servicio al cliente que he tenido",
            "estoy furioso",
        ]),
        (("disappointment",), 0, [
            "muy decepcionado con este producto",
            "el producto se rompió a la semana",
        ]),
        (("gratitude",), 2, [
            "gracias a la agente que me ayudó ayer",
            "muchas gracias a todo el equipo",
            "gracias, ya funciona todo otra vez",
            "muchas gracias por la ayuda tan rápida",
            "gracias, el problema está resuelto",
        ]),
        (("joy", "approval"), 2, [
            "servicio impecable, rápido y eficaz",
            "la última versión funciona muy bien",
            "cinco estrellas, fácil de usar",
            "ahora todo funciona perfectamente",
            "excelente servicio, entrega rápida",
            "estoy muy contento con mi pedido",
        ]),
        (("neutral",), 1, [
            "dónde encuentro mi factura",
            "hacen envíos a méxico",
            "cuánto tarda la entrega",
            "este artículo está disponible",
            "puedo cambiar la talla de mi pedido",
            "cómo devuelvo un artículo",
            "cuándo se enviará mi pedido",
            "hasta cuándo puedo devolver un producto",
            "cómo cambio mi dirección de entrega",
            "cuál es su horario de atención",
            "quiero actualizar mi correo electrónico",
            "pueden enviarme la factura",
        ]),
    ],
    "it": [
        (("annoyance",), 0, [
            "sono molto insoddisfatto del servizio",
            "l'apparecchio ha smesso di funzionare dopo tre giorni",
            "un disastro, non funziona niente",
            "assistenza clienti pessima",
            "la spedizione è stata un disastro",
            "il mio pacco non è ancora arrivato dopo due settimane",
            "aspetto il rimborso da un mese",
            "mi avete addebitato due volte lo stesso ordine",
            "l'app si blocca ogni volta che la apro",
            "non riesco ad accedere al mio account da ieri",
            "nessuno risponde alle mie email",
            "per favore risolvete questo problema al più presto",
            "vi chiedo di rimborsarmi l'intero importo",
            "è la terza volta che scrivo",
        ]),
        (("anger",), 0, [
            "è inaccettabile",
            "il peggior servizio clienti di sempre",
            "sono furioso",
        ]),
        (("disappointment",), 0, [
            "molto deluso da questo prodotto",
            "il prodotto si è rotto dopo una settimana",
        ]),
        (("gratitude",), 2, [
            "grazie all'operatrice che mi ha aiutato ieri",
            "un grande grazie al vostro team",
            "grazie, ora funziona tutto di nuovo",
            "grazie mille per l'aiuto veloce",
            "grazie, il problema è risolto",
        ]),
        (("joy", "approval"), 2, [
            "servizio impeccabile, veloce ed efficiente",
            "l'ultima versione funziona davvero bene",
            "cinque stelle, facile da usare",
            "adesso funziona tutto perfettamente",
            "ottimo servizio, consegna veloce",
            "sono molto soddisfatto",
        ]),
        (("neutral",), 1, [
            "dove trovo la mia fattura",
            "spedite in svizzera",
            "quanto tempo ci vuole per la consegna",
            "questo articolo è disponibile",
            "posso cambiare la taglia del mio ordine",
            "come restituisco un articolo",
            "quando verrà spedito il mio ordine",
            "quanto tempo ho per restituire un articolo",
            "come cambio l'indirizzo di consegna",
            "quali sono gli orari di apertura",
            "vorrei aggiornare il mio indirizzo email",
            "potete inviarmi la fattura",
        ]),
    ],
    "pt": [
        (("annoyance",), 0, [
            "estou muito insatisfeito com o serviço",
            "o aparelho parou de funcionar depois de três dias",
            "um desastre, nada funciona",
            "o apoio ao cliente é péssimo",
            "a entrega foi uma catástrofe",
            "a minha encomenda ainda não chegou depois de duas semanas",
            "estou à espera do reembolso há um mês",
            "cobraram-me duas vezes a mesma encomenda",
            "o aplicativo fecha sempre que abro",
            "não consigo entrar na minha conta desde ontem",
            "ninguém responde aos meus emails",
            "por favor resolvam isto o mais rápido possível",
            "por favor devolvam o meu dinheiro",
            "já vos escrevi três vezes",
        ]),
        (("anger",), 0, [
            "isto é inaceitável",
            "o pior atendimento que já tive",
            "estou furioso",
        ]),
        (("disappointment",), 0, [
            "muito decepcionado com este produto",
            "o produto quebrou depois de uma semana",
        ]),
        (("gratitude",), 2, [
            "obrigado à atendente que me ajudou ontem",
            "um grande obrigado à vossa equipa",
            "obrigado, já funciona tudo outra vez",
            "muito obrigado pela ajuda rápida",
            "obrigada, o problema foi resolvido",
        ]),
        (("joy", "approval"), 2, [
            "serviço impecável, rápido e eficiente",
            "a última versão funciona muito bem",
            "cinco estrelas, fácil de usar",
            "agora tudo funciona perfeitamente",
            "ótimo serviço, entrega rápida",
            "estou muito satisfeito",
        ]),
        (("neutral",), 1, [
            "onde encontro a minha fatura",
            "fazem entregas para o brasil",
            "quanto tempo demora a entrega",
            "este artigo está disponível",
            "posso mudar o tamanho da minha encomenda",
            "como devolvo um artigo",
            "quando será enviada a minha encomenda",
            "até quando posso devolver um produto",
            "como altero o meu endereço de entrega",
            "qual é o horário de atendimento",
            "quero atualizar o meu email",
            "podem enviar-me a fatura",
        ]),
    ],
    "nl": [
        (("annoyance",), 0, [
            "ik ben erg ontevreden over de service",
            "het apparaat werkt na drie dagen niet meer",
            "een ramp, niets werkt",
            "de klantenservice is waardeloos",
            "de bezorging was een drama",
            "mijn pakket is na twee weken nog steeds niet aangekomen",
            "ik wacht al een maand op mijn terugbetaling",
            "jullie hebben mij twee keer laten betalen",
            "de app crasht steeds",
            "ik kan sinds gisteren niet meer inloggen",
            "niemand reageert op mijn mails",
            "los dit alstublieft zo snel mogelijk op",
            "graag het volledige bedrag terugstorten",
            "dit is de derde keer dat ik mail",
        ]),
        (("anger",), 0, [
            "dit is onacceptabel",
            "de slechtste klantenservice ooit",
            "ik ben woedend",
        ]),
        (("disappointment",), 0, [
            "erg teleurgesteld in dit product",
            "het product ging na een week kapot",
        ]),
        (("gratitude",), 2, [
            "dank aan de medewerker die me gisteren hielp",
            "veel dank aan jullie team",
            "bedankt, alles werkt weer",
            "hartelijk dank voor de snelle hulp",
            "bedankt, het probleem is opgelost",
        ]),
        (("joy", "approval"), 2, [
            "topservice, snel en efficiënt",
            "de nieuwste versie werkt echt goed",
            "vijf sterren, makkelijk te gebruiken",
            "nu werkt alles perfect",
            "geweldige service, snelle levering",
            "ik ben heel tevreden",
        ]),
        (("neutral",), 1, [
            "waar vind ik mijn factuur",
            "bezorgen jullie ook in duitsland",
            "hoe lang duurt de levering",
            "is dit artikel op voorraad",
            "kan ik de maat van mijn bestelling wijzigen",
            "hoe stuur ik een artikel terug",
            "wanneer wordt mijn bestelling verzonden",
            "hoe lang heb ik om iets terug te sturen",
            "hoe wijzig ik mijn bezorgadres",
            "wat zijn jullie openingstijden",
            "ik wil mijn e-mailadres aanpassen",
            "kunnen jullie mij de factuur sturen",
        ]),
    ],
    "ru": [
        (("annoyance",), 0, [
            "моя посылка до сих пор не пришла",
            "я уже месяц жду возврат денег",
            "с меня списали деньги дважды",
            "приложение постоянно вылетает",
            "никто не отвечает на мои письма",
            "пишу уже третий раз",
            "курьер так и не приехал",
        ]),
        (("anger",), 0, ["это возмутительно", "худший сервис, который я видел"]),
        (("disappointment",), 0, ["очень разочарован этим товаром", "товар сломался через неделю"]),
        (("gratitude",), 2, [
            "спасибо большое за быструю помощь",
            "благодарю, вопрос закрыт",
            "огромное спасибо вашему специалисту",
        ]),
        (("joy", "approval"), 2, ["всё работает отлично", "отличный сервис, быстрая доставка", "очень доволен покупкой"]),
        (("neutral",), 1, [
            "как изменить адрес доставки",
            "какие у вас часы работы",
            "принимаете ли вы оплату переводом",
            "пришлите, пожалуйста, счёт",
        ]),
    ],
    "ja": [
        (("annoyance",), 0, [
            "注文した商品がまだ届きません",
            "返金をもう一ヶ月待っています",
            "二重に請求されました",
            "アプリがすぐに落ちます",
            "問い合わせても返事がありません",
        ]),
        (("anger",), 0, ["本当にひどい対応です", "最悪のサービスです"]),
        (("disappointment",), 0, ["とても残念です", "一週間で壊れました"]),
        (("gratitude",), 2, [
            "迅速に対応していただきありがとうございます",
            "親切なサポートに感謝します",
            "ありがとうございました、解決しました",
        ]),
        (("joy", "approval"), 2, ["とても満足しています", "使いやすくて便利です", "素晴らしいサービスです"]),
        (("neutral",), 1, ["配送先の住所を変更したいです", "サポートの受付時間は何時までですか", "請求書を送っていただけますか"]),
    ],
    "ar": [
        (("annoyance",), 0, [
            "طلبي لم يصل حتى الآن",
            "أنتظر استرداد المبلغ منذ شهر",
            "تم خصم المبلغ مرتين",
            "التطبيق يتوقف باستمرار",
            "لا أحد يرد على رسائلي",
        ]),
        (("anger",), 0, ["هذا غير مقبول", "أسوأ خدمة عملاء"]),
        (("disappointment",), 0, ["أنا محبط جدا من هذا المنتج"]),
        (("gratitude",), 2, ["شكرا جزيلا على المساعدة السريعة", "شكرا، تم حل المشكلة"]),
        (("joy", "approval"), 2, ["خدمة ممتازة وتوصيل سريع", "أنا راض جدا"]),
        (("neutral",), 1, ["كيف أغير عنوان التوصيل", "ما هي ساعات العمل", "هل يمكنني الدفع بالبطاقة"]),
    ],
}

OPENERS = {
    "en": ["", "hello, ", "hi team, ", "dear support, ", "hey ", "good morning, ",
           "to whom it may concern, ", "hi, i hope you can help. "],
    "fr": ["", "bonjour, ", "bonjour madame, monsieur, "],
    "de": ["", "hallo, ", "guten tag, ", "sehr geehrte damen und herren, "],
    "es": ["", "hola, ", "buenos días, "],
    "it": ["", "ciao, ", "buongiorno, "],
    "pt": ["", "olá, ", "bom dia, "],
    "nl": ["", "hallo, ", "beste klantenservice, "],
    "ru": ["", "здравствуйте, ", "добрый день, "],
    "ja": ["", "お世話になっております。"],
    "ar": ["", "مرحبا، "],
}
CLOSERS = ["", ".", "!", " !!", "?", " 😡", " 🙏", " 😊", " 👍"]


EXTRA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cs_phrases_extra.tsv")


def load_extra(path: str = EXTRA) -> dict[str, list[tuple[tuple[str, ...], int, list[str]]]]:
    """The phrases of cs_phrases_extra.tsv (lang, polarity, labels, phrase;
    written for kvetch in session 21, see models/README.md), grouped like
    PHRASES. A capital that only starts the sentence is lowered, as openers
    come before it."""
    groups: dict[tuple[str, int, tuple[str, ...]], list[str]] = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["lang", "polarity", "labels", "phrase"]:
            raise ValueError(f"{path}: unexpected header {header}")
        for n, line in enumerate(f, 2):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                raise ValueError(f"{path}:{n}: expected 4 fields, got {len(parts)}")
            lang, pol, labels, phrase = parts
            if len(phrase) > 1 and phrase[0].isupper() and phrase[1].islower():
                phrase = phrase[0].lower() + phrase[1:]
            groups.setdefault((lang, int(pol), tuple(labels.split(","))), []).append(phrase)
    out: dict[str, list] = {}
    for (lang, pol, labels), phrases in groups.items():
        out.setdefault(lang, []).append((labels, pol, phrases))
    return out


def expand(seed: int = 0, extra: bool = True):
    """Yields (lang, text, go_labels, polarity): each phrase with a few
    openers and closers that agree with its polarity; with ``extra``, the
    phrases of cs_phrases_extra.tsv too."""
    import random

    rng = random.Random(seed)
    tables = [PHRASES] + ([load_extra()] if extra else [])
    for lang, groups in ((lang, g) for table in tables for lang, g in table.items()):
        for labels, polarity, phrases in groups:
            closers = {0: ["", ".", "!", " !!", "!!!", " 😡", "?", "?!"], 1: ["", ".", "?"],
                       2: ["", ".", "!", " 😊", " 👍", " 🙏"]}[polarity]
            for p in phrases:
                for _ in range(3):
                    text = rng.choice(OPENERS[lang]) + p + rng.choice(closers)
                    if rng.random() < 0.5:
                        text = text[0].upper() + text[1:]
                    yield lang, text, labels, polarity


# Emoji whose reading does not depend on the sentence around them, written
# for kvetch: (GoEmotions labels, polarity, emoji). The corpora hold few of
# them (Reddit and subtitles have almost none; XLM-T's tweets some), so
# before this table "🤬" leaned positive and "my package is 9 days late 🤬"
# was neutral. Left out on purpose: emoji often read against their face
# value in complaints (😂 🤣 😅 🙃 😏 🙈). Skin tones and VS16 are stripped
# by the feature extractor, so one entry covers 👍🏽 and ❤️.
EMOJI: list[tuple[tuple[str, ...], int, str]] = [
    (("anger",), 0, "😡 😠 🤬 👿 💢"),
    (("annoyance",), 0, "😤 🙄 😒 😑 🤦 🤦‍♀️ 🤦‍♂️"),
    (("disappointment",), 0, "😞 😔 ☹️ 🙁 😩 😫"),
    (("sadness",), 0, "😢 😭 💔 😿"),
    (("fear",), 0, "😱 😨 😰"),
    (("nervousness",), 0, "😬 😟 😧"),
    (("disgust",), 0, "🤮 🤢 💩"),
    (("disapproval",), 0, "👎"),
    (("confusion",), 1, "😕 🤔 🤷 🤷‍♀️ 🤷‍♂️ ❓"),
    (("joy",), 2, "😀 😃 😄 😁 😊 🙂 ☺️ 😆 🥳 🎉"),
    (("love",), 2, "❤️ 😍 🥰 💕 💖 😘 💙 💚 💜 🧡"),
    (("admiration",), 2, "👏 🌟 ⭐ ✨ 🏆"),
    (("approval",), 2, "👍 👌 ✅ 💯 💪"),
    (("gratitude",), 2, "🙏"),
    (("relief",), 2, "😌"),
    (("neutral",), 1, "📦 📱 💻 💳 🚚 📧 📞 🛒 🔑 📄"),
]
# GoEmotions label -> Plutchik index (anger 0, anticipation 1, disgust 2,
# fear 3, joy 4, sadness 5, surprise 6, trust 7) for the emoji rows.
EMOJI_PLUTCHIK = {"anger": [0], "annoyance": [0], "disappointment": [5], "sadness": [5],
                  "fear": [3], "nervousness": [3], "disgust": [2], "disapproval": [2],
                  "joy": [4], "love": [4], "admiration": [4, 7], "approval": [7],
                  "gratitude": [7], "relief": [4]}


def expand_emoji():
    """Yields (lang, text, go_labels, polarity): each EMOJI entry alone,
    doubled and tripled (a message that is only emoji, or their own
    sentence after a statement)."""
    for labels, polarity, emoji in EMOJI:
        for e in emoji.split():
            for text in (e, e, e + e, e + e + e):
                yield "en", text, labels, polarity


# Negation: polar words under a negation, so that the negated-word features
# (emotion_features.cc marks the 3 words after a negation cue) learn that
# "not good" is negative and "not bad" / "I don't hate it" are not.
# Per language: (templates with {w}, positive words, negative words).
NEGATION: dict[str, tuple[list[str], list[str], list[str]]] = {
    "en": (["it is not {w}", "not {w}", "this was never {w}", "i am not {w} with it",
            "i don't {w} it", "honestly not {w}"],
           ["good", "great", "happy", "satisfied", "helpful", "fast", "easy", "working",
            "love", "like", "recommend", "nice", "perfect", "pleased", "worth it"],
           ["bad", "terrible", "awful", "hate", "slow", "broken", "rude", "useless",
            "annoyed", "upset", "disappointed", "angry", "a problem", "an issue", "horrible"]),
    "fr": (["ce n'est pas {w}", "pas {w}", "je ne suis pas {w}", "ce n'était jamais {w}"],
           ["bon", "génial", "content", "satisfait", "rapide", "facile", "parfait", "top"],
           ["mal", "mauvais", "terrible", "déçu", "fâché", "un problème", "grave", "nul"]),
    "de": (["das ist nicht {w}", "nicht {w}", "ich bin nicht {w}", "gar nicht {w}"],
           ["gut", "toll", "zufrieden", "schnell", "einfach", "perfekt", "hilfreich"],
           ["schlecht", "schlimm", "enttäuscht", "sauer", "ein problem", "kaputt", "übel"]),
    "es": (["no es {w}", "no está {w}", "no estoy {w}", "nunca fue {w}"],
           ["bueno", "genial", "contento", "satisfecho", "rápido", "fácil", "perfecto"],
           ["malo", "mal", "terrible", "enfadado", "decepcionado", "un problema", "grave"]),
    "it": (["non è {w}", "non sono {w}", "non era mai {w}"],
           ["buono", "bello", "contento", "soddisfatto", "veloce", "facile", "perfetto"],
           ["male", "brutto", "terribile", "arrabbiato", "deluso", "un problema", "grave"]),
    "pt": (["não é {w}", "não está {w}", "não estou {w}", "nunca foi {w}"],
           ["bom", "ótimo", "contente", "satisfeito", "rápido", "fácil", "perfeito"],
           ["mau", "ruim", "terrível", "chateado", "decepcionado", "um problema", "grave"]),
    "nl": (["het is niet {w}", "niet {w}", "ik ben niet {w}", "nooit {w}"],
           ["goed", "geweldig", "blij", "tevreden", "snel", "makkelijk", "perfect"],
           ["slecht", "erg", "boos", "teleurgesteld", "een probleem", "kapot", "vervelend"]),
}


def expand_negation(seed: int = 1):
    """Yields (lang, text, go_labels, polarity) for negated polar words:
    negated positive -> negative (disapproval), negated negative -> neutral."""
    import random

    rng = random.Random(seed)
    for lang, (templates, pos, neg) in NEGATION.items():
        for words, labels, polarity in [(pos, ("disapproval",), 0), (neg, ("neutral",), 1)]:
            for w in words:
                for t in rng.sample(templates, min(3, len(templates))):
                    yield lang, t.format(w=w) + rng.choice(["", ".", "!"]), labels, polarity
