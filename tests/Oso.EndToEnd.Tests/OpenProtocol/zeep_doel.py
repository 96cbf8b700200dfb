#!/usr/bin/python3
"""An OSO doel system written with Python zeep, a SOAP stack OpenOSO did not write.

It reads the Traffic Center's WSDL (?wsdl, over mutual TLS), asks a session for one pupil with its own zoeksleutel
(base64(HMAC-SHA256(k, PGN)), docs/protocol.md §7), reads each bron aanleverpunt's WSDL and asks it for the dossier,
and closes the session with the beste resultaat. Prints one JSON line; writes the dossier to --out.

Usage: zeep_doel.py --tc URL --cert PEM --key PEM --ca PEM --bron-brin BRIN --doel-brin BRIN --doel-rk RK --pgn PGN --out FILE
"""
import argparse
import hashlib
import hmac
import json
import os
import sys

import requests
from lxml import etree
from zeep import Client, Settings
from zeep.exceptions import Fault
from zeep.transports import Transport

OSO = "http://xml.kennisnet.nl/schemas/Overstapservice/20200910"


def main():
    p = argparse.ArgumentParser()
    for name in ("tc", "cert", "key", "ca", "bron-brin", "doel-brin", "doel-rk", "pgn", "out"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()

    session = requests.Session()
    session.trust_env = False        # else REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE from the environment override `verify`
    session.cert = (a.cert, a.key)   # mutual TLS: the client certificate names this system
    session.verify = a.ca            # the OSO trust anchor, not the system store
    transport = Transport(session=session, timeout=60, operation_timeout=60)
    settings = Settings(strict=True, xml_huge_tree=True)
    tc = Client(a.tc + "?wsdl", transport=transport, settings=settings)

    k = os.urandom(32)
    zoeksleutel = hmac.new(k, a.pgn.encode("ascii"), hashlib.sha256).digest()   # zeep writes base64Binary itself
    sessie = tc.service.overdracht(bronBrin=a.bron_brin, doelBrin=a.doel_brin, doelRouteringsKenmerk=a.doel_rk,
                                   zoeksleutelPgnfrag={"zoeksleutel": zoeksleutel}, overdrachtsoort="overstapdossier")
    if getattr(sessie, "resultaat", None):
        print(json.dumps({"overdracht": sessie.resultaat}))
        return 1
    out = {"sessieId": sessie.sessieId, "aanleverpunten": [ap.routeringsKenmerk for ap in sessie.aanleverpunt], "documenten": []}

    rank = {"OverdrachtGeslaagd": 100, "LeerlinginfoNietGewijzigd": 90, "LeerlinginfoNietOpvraagbaar": 80, "LeerlinginfoNietBeschikbaar": 70}
    beste, beste_rk = None, None
    for ap in sessie.aanleverpunt:
        bron = Client(ap.url + "?wsdl", transport=transport, settings=settings)
        try:
            antwoord = bron.service.document(bronBrin=a.bron_brin, bronRouteringsKenmerk=ap.routeringsKenmerk, doelBrin=a.doel_brin,
                                             doelRouteringsKenmerk=a.doel_rk, sessieId=sessie.sessieId, overdrachtsoort="overstapdossier",
                                             pgn=a.pgn, zoeksleutelGeheim=k)
        except Fault as fault:
            out["documenten"].append({"aanleverpunt": ap.routeringsKenmerk, "fout": fault.message})
            resultaat = "TechnischeFout"
        else:
            if getattr(antwoord, "resultaat", None):
                resultaat = antwoord.resultaat
            else:
                dossier = antwoord._value_1   # the xs:any: the gegevensset element, untouched by zeep
                with open(a.out, "wb") as f:
                    f.write(etree.tostring(dossier, xml_declaration=True, encoding="UTF-8"))
                resultaat = "OverdrachtGeslaagd"
            out["documenten"].append({"aanleverpunt": ap.routeringsKenmerk, "resultaat": resultaat})
        if beste is None or rank.get(resultaat, 0) >= rank.get(beste, 0):   # on a tie the last aanleverpunt counts
            beste, beste_rk = resultaat, ap.routeringsKenmerk

    afmelding = tc.service.afmelding(bronBrin=a.bron_brin, bronRouteringsKenmerk=beste_rk, doelBrin=a.doel_brin,
                                     doelRouteringsKenmerk=a.doel_rk, sessieId=sessie.sessieId, resultaat=beste)
    out["beste"] = beste
    out["afmelding"] = afmelding
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
