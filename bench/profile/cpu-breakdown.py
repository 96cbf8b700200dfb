#!/usr/bin/env python3
"""Where the managed time of a dotnet-trace sampled-thread-time trace goes (speedscope JSON from `dotnet-trace convert`).

Counts only samples whose leaf is CPU_TIME (the thread was in managed code: running, or runnable on a loaded machine),
attributes each to the first matching group of its stack (inclusive) and to the module of its leaf frame (exclusive).
"""
import collections, json, sys

GROUPS = [
    ("thread pool spinning (idle workers)", ["LowLevelSpinWaiter"]),
    ("finalizer thread (Gen2GcCallback: ArrayPool trim; DynamicResolver)", ["GC.RunFinalizers"]),
    ("threads waiting for a GC (PollGC)", ["PollGC"]),
    ("SOAP read", ["Oso.Protocol.Soap.SoapReader", "Oso.Protocol.Soap.BodyReader"]),
    ("SOAP write", ["Oso.Protocol.Soap.SoapWriter", "Oso.Protocol.Client.SoapContent"]),
    ("TLS record encrypt/decrypt", ["SslStreamPal.EncryptMessage", "SslStreamPal.DecryptMessage"]),
    ("TLS handshakes", ["ForceAuthentication", "ProcessHandshake"]),
    ("certificate checks (all)", ["OsoCertificateValidator"]),
    ("  of which in the TLS handshake (Kestrel's callback)", ["ValidateKestrelClientCertificate"]),
    ("  of which again per request (SoapEndpoint)", ["OsoCertificateValidator.ValidateClient"]),
    ("EF Core + SQLite (all)", ["EntityFrameworkCore", "Microsoft.Data.Sqlite", "SQLitePCL", "Npgsql"]),
    ("  of which commit", ["SqliteTransaction.Commit", "NpgsqlTransaction.Commit"]),
    ("  of which connection open + pragmas", ["SqliteConnection.Open", "SqlitePragmas"]),
    ("dossier validation (doel)", ["Oso.Dossier.Validation.DossierValidator"]),
    ("dossier read into the model", ["Oso.Dossier.DossierReader.Read"]),
    ("profile filter + write (bron)", ["Oso.Dossier.DossierWriter", "CategoryFilter"]),
    ("encryption at rest", ["ProtectedDossiers", "PupilDataProtector"]),
    ("signature: sign (bron, receipt)", ["Bewijzen.Onderteken"]),
    ("signature: check (doel)", ["Bewijzen.Controleer"]),
    ("audit chain", ["AuditLog.RecordAsync"]),
    ("outbox enqueue", ["OutboxQueue.EnqueueAsync"]),
    ("Traffic Center handling", ["TrafficCenterService.HandleAsync", "TrafficCenterService+<HandleAsync>"]),
    ("Kestrel request processing (all, includes the app)", ["HttpProtocol.ProcessRequests", "HttpProtocol+<ProcessRequests>"]),
    ("HttpClient send (client side, all)", ["SocketsHttpHandler", "HttpConnectionPool"]),
    ("data-directory watcher (appsettings reload)", ["FileSystemWatcher"]),
    ("logging", ["Microsoft.Extensions.Logging"]),
    ("metrics + traces (System.Diagnostics)", ["System.Diagnostics.Metrics", "ActivitySource", "System.Diagnostics.Activity"]),
]

def main(path):
    d = json.load(open(path))
    frames = [f["name"] for f in d["shared"]["frames"]]
    stacks = collections.Counter()
    for p in d["profiles"]:
        if p["type"] != "evented":
            continue
        st, last = [], None
        for e in p["events"]:
            if last is not None and st and frames[st[-1]] == "CPU_TIME":
                stacks[tuple(st[:-1])] += e["at"] - last
            last = e["at"]
            if e["type"] == "O":
                st.append(e["frame"])
            elif st:
                st.pop()
    total = sum(stacks.values()) or 1
    print(f"managed samples: {total:.0f} ms")
    print("-- inclusive, by part of a transfer")
    for name, pats in GROUPS:
        v = sum(t for k, t in stacks.items() if any(any(pat in frames[f] for pat in pats) for f in k))
        print(f"{100 * v / total:6.2f}%  {name}")
    print("-- exclusive, by module of the leaf frame")
    mods = collections.Counter()
    for k, t in stacks.items():
        leaf = frames[k[-1]] if k else "?"
        mods[leaf.split("!")[0] if "!" in leaf else leaf[:40]] += t
    for m, v in mods.most_common(15):
        print(f"{100 * v / total:6.2f}%  {m}")
    print("-- exclusive, top leaf frames")
    leaves = collections.Counter()
    for k, t in stacks.items():
        leaves[frames[k[-1]] if k else "?"] += t
    for f, v in leaves.most_common(25):
        print(f"{100 * v / total:6.2f}%  {f[:150]}")
    print("-- inclusive, top frames of our code and of the framework (each counted once per stack)")
    incl = collections.Counter()
    for k, t in stacks.items():
        for f in set(k):
            incl[f] += t
    shown = 0
    for f, v in incl.most_common():
        name = frames[f]
        if "!" not in name or "Threading" in name or "ExecutionContext" in name or "AsyncMethodBuilder" in name:
            continue
        print(f"{100 * v / total:6.2f}%  {name[:150]}")
        shown += 1
        if shown == 60:
            break

if __name__ == "__main__":
    main(sys.argv[1])
