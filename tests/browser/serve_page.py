"""Drive `rectify serve`'s page in headless Chromium (WebDriver, selenium): open it,
upload the first return through the page's file input and drop the others onto the
drop zone (a drop event carrying the files, as a drag from the desktop delivers them),
wait for the units to turn reported, download the report. Run by tests/serve_browser.rs, which checks the downloaded bytes.

usage: serve_page.py URL DOWNLOAD_DIR UNIT[,UNIT...] FILE...
Prints one JSON line: {"before": {...}, "after": {...}, "results": [...], "report": path}.
"""

import base64
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def browser(download_dir):
    opts = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000"):
        opts.add_argument(arg)
    for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(path):
            opts.binary_location = path
            break
    opts.add_experimental_option("prefs", {
        "download.default_directory": download_dir,
        "download.prompt_for_download": False,
    })
    driver_path = next((p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
                        if os.path.exists(p)), None)
    service = Service(executable_path=driver_path) if driver_path else Service()
    driver = webdriver.Chrome(options=opts, service=service)
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": download_dir})
    return driver


def drop_files(driver, paths):
    """Drop files on the page's drop zone: dragover, then drop, with a DataTransfer
    holding the files' bytes."""
    files = [[os.path.basename(p), base64.b64encode(open(p, "rb").read()).decode()] for p in paths]
    driver.execute_script("""
        const dt = new DataTransfer();
        for (const [name, b64] of arguments[0]) {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          dt.items.add(new File([bytes], name));
        }
        const zone = document.getElementById("drop");
        for (const type of ["dragover", "drop"]) {
          zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        }
    """, files)


def result_texts(driver):
    # The page redraws its list as results come in: an item gone between finding and
    # reading it is read again on the next poll.
    try:
        return [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#results > li")]
    except StaleElementReferenceException:
        return []


def unit_states(driver, units):
    out = {}
    for u in units:
        rows = driver.find_elements(By.CSS_SELECTOR, f'#units tr.main[data-unit="{u}"] .state')
        out[u] = rows[0].text if rows else None
    return out


def main():
    url, download_dir, units, files = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4:]
    driver = browser(download_dir)
    try:
        wait = WebDriverWait(driver, 60)
        driver.get(url)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#units tr.main"))
        before = unit_states(driver, units)
        results = []
        driver.find_element(By.ID, "pick-files").send_keys(files[0])
        first = os.path.basename(files[0])
        wait.until(lambda d: any(first in t for t in result_texts(d)))
        results += result_texts(driver)
        if files[1:]:
            drop_files(driver, files[1:])
            names = [os.path.basename(f) for f in files[1:]]
            wait.until(lambda d: all(any(n in t for t in result_texts(d)) for n in names))
            results += result_texts(driver)
        wait.until(lambda d: all(s == "已报送" for s in unit_states(d, units).values()))
        after = unit_states(driver, units)
        driver.find_element(By.CSS_SELECTOR, '.tab[data-tab="docs"]').click()
        driver.find_element(By.CSS_SELECTOR, 'a[data-doc="report"]').click()
        report = os.path.join(download_dir, "整改情况报告.docx")
        deadline = time.time() + 60
        while time.time() < deadline:
            names = os.listdir(download_dir)
            if os.path.exists(report) and not any(n.endswith(".crdownload") for n in names):
                break
            time.sleep(0.2)
        print(json.dumps({"before": before, "after": after, "results": results,
                          "report": report if os.path.exists(report) else None},
                         ensure_ascii=False))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
