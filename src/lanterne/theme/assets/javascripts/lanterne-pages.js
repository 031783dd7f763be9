/* Lanterne: relative update dates ("Mis à jour il y a plus d'un mois"), computed when the page is viewed. */
(function () {
  "use strict";

  var DAY = 86400000;

  /* The bucket of an update made on `then`, seen on `now`: [name] or ["months", N]. */
  function bucket(then, now) {
    var today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    var days = Math.round((today - then) / DAY);
    if (days <= 0) return ["today"];
    if (days === 1) return ["yesterday"];
    if (days < 7) return ["week"];
    var months = (today.getFullYear() - then.getFullYear()) * 12 + today.getMonth() - then.getMonth();
    if (today.getDate() < then.getDate()) months -= 1;
    if (months >= 12) return ["year"];
    if (months >= 2) return ["months", months];
    if (months === 1) return ["month1"];
    return [days >= 14 ? "weeks2" : "weeks1"];
  }

  /* A YYYY-MM-DD date as local midnight, so that "today" follows the reader's calendar. */
  function localDay(iso) {
    var parts = iso.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2]);
  }

  function render(root) {
    var now = new Date();
    root.querySelectorAll(".lt-updated[data-lt-relative]").forEach(function (element) {
      var time = element.querySelector("time[datetime]");
      if (!time) return;
      var labels = JSON.parse(element.getAttribute("data-lt-relative"));
      var found = bucket(localDay(time.getAttribute("datetime")), now);
      var text = labels[found[0]];
      if (!text) return;
      time.textContent = text.replace("{n}", String(found[1]));
      element.classList.add("lt-updated--relative");
    });
  }

  render(document);
})();

/* Lanterne: a printed article keeps the address of each link (lanterne-print.css prints data-lt-url after it). */
(function () {
  "use strict";
  document.querySelectorAll(".lt-article__body a[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    if (!href || href.charAt(0) === "#" || link.classList.contains("headerlink")) return;
    if (link.textContent.trim() === link.href) return;
    link.setAttribute("data-lt-url", link.href);
  });
})();
