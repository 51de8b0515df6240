import time, sys, pandas as pd, kvetch
texts = pd.read_csv("corpora/sample_tickets.csv")["text"].tolist() * 5
for sig in (None, False, None, False):
    a = kvetch.Analyzer(n_threads=1, signals=sig)
    a.analyze(texts[:2000])
    t = time.perf_counter(); a.analyze(texts); d = time.perf_counter() - t
    print("signals", sig, f"{len(texts)/d:,.0f} msg/s")
