"""Chat forms of the main support languages, for train_langid.py.

Tatoeba, the bulk of langid-train, is written out in full; customers write
"thx", "pls help", "merci bcp", "svp", "mfg", "porfa", "obg". Without these,
"pls" read as Catalan and "btw" as Dutch. Each language gets its common
abbreviations, alone and in short phrases, hand-written for kvetch (no
corpus text). Forms shared by several languages ("ok", "np", "xd", "cc")
are left out on purpose: they carry no evidence.
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
