"""Chat forms of the main support languages, for train_langid.py.

Tatoeba, the bulk of langid-train, is written out in full; customers write
"thx", "pls help", "merci bcp", "svp", "mfg", "porfa", "obg". Without these,
"pls" read as Catalan and "btw" as Dutch. Each language gets its common
abbreviations, alone and in short phrases, hand-written for kvetch (no
corpus text). Forms shared by several languages ("ok", "np", "xd", "cc")
are left out on purpose: they carry no evidence.

GREETING_LINES (session 22) are the greetings, thanks and sign-offs that
open and close support messages, and a few two- or three-word replies.
Tatoeba has few of them alone: "Hallo?" read as Hungarian, "hola" as
Catalan, "Salve" as Spanish and "Danke, super Service!" as Esperanto.
Also hand-written for kvetch.
"""

CHAT_LINES = {
    "en": ["thx", "thanx", "thnx", "pls", "plz", "asap", "btw", "idk", "lol", "omg",
           "imo", "tbh", "fyi", "thx a lot", "pls help", "plz help me", "pls advise",
           "need help asap", "btw still waiting", "idk what happened", "omg finally",
           "thx for ur help", "can u pls check", "r u there", "pls reply asap",
           "ty so much", "wtf is going on", "fyi order still missing"],
    "fr": ["stp", "svp", "mdr", "bcp", "slt", "jsp", "dsl", "pk", "tkt", "bjr",
           "merci bcp", "slt j'ai un pb", "svp aidez moi", "dsl pour le retard",
           "jsp quoi faire", "bjr, ma commande svp", "tkt c'est bon", "pk c'est si long",
           "mdr encore en retard", "merci d'avance bcp", "stp réponds vite"],
    "de": ["mfg", "lg", "vg", "bzw", "usw", "zb", "gg", "kp", "vllt", "ka",
           "mfg max", "lg und danke", "vg aus berlin", "kp was los ist",
           "vllt könnt ihr helfen", "bitte um antwort, mfg", "danke vg",
           "ka wo mein paket ist", "bzw die rechnung fehlt"],
    "es": ["xq", "tmb", "pq", "porfa", "xfa", "tqm", "ntp", "salu2", "grax",
           "porfa ayuda", "xq no llega", "tmb quiero reembolso", "pq tarda tanto",
           "grax x la ayuda", "ntp ya lo vi", "xfa respondan", "porfa contesten ya"],
    "it": ["grz", "cmq", "xke", "nn", "tvb", "qlc", "xo", "risp", "grz mille",
           "cmq nn funziona", "xke nn arriva", "grz x l'aiuto", "qlc mi risponde",
           "nn ho ricevuto nulla", "cmq grz lo stesso"],
    "pt": ["vc", "obg", "blz", "tb", "pq", "qnd", "mt", "td", "vlw", "flw",
           "obg pela ajuda", "vc pode ver", "qnd chega", "mt obg", "td bem",
           "vlw pela resposta", "pq demora tanto", "tb nao recebi"],
    "nl": ["bvd", "mvg", "aub", "ff", "wrm", "mss",
           "bvd voor de hulp", "aub snel antwoorden", "mvg jan", "wrm duurt dit zo lang",
           "mss kunnen jullie kijken", "ff checken aub"],
}

GREETING_LINES = {
    "en": ["hello", "hello?", "hi there", "hey there", "good morning", "good afternoon",
           "good evening", "thank you", "thank you so much", "many thanks", "thanks a lot",
           "cheers", "kind regards", "best regards", "hi team", "dear team",
           "dear sir or madam", "any update?", "still waiting", "no answer yet",
           "great service, thanks", "hello, anyone there?"],
    "fr": ["bonjour", "bonjour?", "bonsoir", "salut", "coucou", "merci", "merci beaucoup",
           "merci bien", "mille mercis", "cordialement", "bien cordialement",
           "bonne journée", "au revoir", "madame, monsieur", "toujours rien",
           "aucune réponse", "super service, merci", "bonjour, il y a quelqu'un?"],
    "de": ["hallo", "hallo?", "hallo zusammen", "guten tag", "guten morgen", "guten abend",
           "moin", "servus", "danke", "danke schön", "dankeschön", "vielen dank",
           "danke sehr", "danke, super service", "tschüss", "viele grüße",
           "mit freundlichen grüßen", "liebe grüße", "sehr geehrte damen und herren",
           "immer noch nichts", "keine antwort", "hallo, ist da jemand?"],
    "es": ["hola", "hola?", "buenas", "buenos días", "buenas tardes", "buenas noches",
           "gracias", "muchas gracias", "mil gracias", "saludos", "un saludo",
           "atentamente", "adiós", "nada todavía", "sin respuesta",
           "excelente servicio, gracias", "hola, hay alguien?"],
    "it": ["ciao", "salve", "salve?", "buongiorno", "buonasera", "grazie", "grazie mille",
           "grazie ancora", "cordiali saluti", "distinti saluti", "saluti", "arrivederci",
           "ancora niente", "nessuna risposta", "ottimo servizio, grazie",
           "buongiorno, c'è qualcuno?"],
    "pt": ["olá", "ola", "oi", "bom dia", "boa tarde", "boa noite", "obrigado", "obrigada",
           "muito obrigado", "muito obrigada", "cumprimentos", "atenciosamente", "abraço",
           "tchau", "ainda nada", "sem resposta", "ótimo atendimento, obrigado",
           "olá, tem alguém aí?"],
    "nl": ["hallo", "hallo?", "hoi", "goedemorgen", "goedemiddag", "goedenavond",
           "dank je", "dank u", "dank je wel", "dank u wel", "bedankt", "groetjes",
           "met vriendelijke groet", "vriendelijke groeten", "doei", "nog steeds niks",
           "nog steeds niets", "geen antwoord", "super service, bedankt",
           "hallo, is daar iemand?"],
    "sv": ["hej", "hej hej", "tack", "tack så mycket", "tusen tack", "mvh",
           "med vänliga hälsningar", "god morgon", "vänliga hälsningar", "fortfarande inget"],
    "da": ["hej", "tak", "mange tak", "tusind tak", "venlig hilsen", "med venlig hilsen",
           "god morgen", "stadig intet svar"],
    "pl": ["dzień dobry", "cześć", "dziękuję", "dzięki", "pozdrawiam", "z poważaniem",
           "dobry wieczór", "nadal nic", "brak odpowiedzi"],
}
