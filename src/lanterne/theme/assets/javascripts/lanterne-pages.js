/* Lanterne's article pages: relative update dates ("Mis à jour il y a plus d'un mois"), computed when the page is
 * viewed, and the address of each link kept for print (lanterne-print.css prints data-lt-url after it). */
"use strict";
(() => {
  const DAY = 86400000;

  /* The bucket of an update made on `then`, seen on `now`: [name] or ["months", N]. */
  function bucket(then, now) {
    const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    const days = Math.round((today - then) / DAY);
    if (days <= 0) return ["today"];
    if (days === 1) return ["yesterday"];
    if (days < 7) return ["week"];
    let months = (today.getFullYear() - then.getFullYear()) * 12 + today.getMonth() - then.getMonth();
    if (today.getDate() < then.getDate()) months -= 1;
    if (months >= 12) return ["year"];
    if (months >= 2) return ["months", months];
    if (months === 1) return ["month1"];
    return [days >= 14 ? "weeks2" : "weeks1"];
  }

  /* A YYYY-MM-DD date as local midnight, so that "today" follows the reader's calendar. */
  function localDay(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return new Date(year, month - 1, day);
  }

  function relativeDates(root) {
    const now = new Date();
    for (const element of root.querySelectorAll(".lt-updated[data-lt-relative]")) {
      const time = element.querySelector("time[datetime]");
      if (!time) continue;
      const labels = JSON.parse(element.dataset.ltRelative);
      const [name, count] = bucket(localDay(time.getAttribute("datetime")), now);
      const text = labels[name];
      if (!text) continue;
      time.textContent = text.replace("{n}", String(count));
      element.classList.add("lt-updated--relative");
    }
  }

  function printedAddresses(root) {
    for (const link of root.querySelectorAll(".lt-article__body a[href]")) {
      const href = link.getAttribute("href");
      if (!href || href.startsWith("#") || link.classList.contains("headerlink")) continue;
      if (link.textContent.trim() === link.href) continue;
      link.dataset.ltUrl = link.href;
    }
  }

  relativeDates(document);
  printedAddresses(document);
})();
