// Lanterne reactions: send the vote in the background, then offer reasons and a comment on 😞 and 😐.
// Without this script the block is a plain form; with it, nothing leaves the page but the reaction itself
// and an anonymous random token kept in localStorage (no cookies), so a later reaction replaces the earlier one.
"use strict";
(() => {
  const TOKEN_KEY = "lanterne.visitor";
  const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

  /** The service said no: its status says why. */
  class Refused extends Error {
    constructor(status) {
      super(`feedback service answered ${status}`);
      this.status = status;
    }
  }

  /** Which message a failure shows (data-lt-* on the error): signed out, the limit, the service down, or else. */
  function messageFor(reason) {
    const status = reason instanceof Refused ? reason.status : 0;
    if (status === 401 || status === 403) return "ltSignedOut";
    if (status === 429) return "ltLimit";
    if (status === 0 || status >= 500) return "ltDown"; // no answer at all, or the service (or its proxy) failing
    return null;
  }

  function randomToken() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  function visitorToken() {
    try {
      let token = localStorage.getItem(TOKEN_KEY);
      if (!token || !TOKEN.test(token)) {
        token = randomToken();
        localStorage.setItem(TOKEN_KEY, token);
      }
      return token;
    } catch {
      return randomToken(); // storage blocked: votes from this page still replace each other
    }
  }

  function setup(section) {
    const vote = section.querySelector(".lt-reactions__vote");
    const more = section.querySelector("[data-lt-more]");
    const thanks = section.querySelector(".lt-reactions__thanks");
    const change = section.querySelector("[data-lt-change]");
    const sent = section.querySelector("[data-lt-sent]");
    const error = section.querySelector("[data-lt-error]");
    const faces = Array.from(vote.querySelectorAll("button[name=reaction]"));
    const state = { reaction: null, details: null };
    const visitor = visitorToken();
    vote.elements.page.value = location.href.split("#")[0];

    async function send(extra) {
      const fields = ["article", "lang", "audience", "page", "website"];
      const body = { visitor, reaction: state.reaction, ...extra };
      for (const name of fields) body[name] = vote.elements[name].value;
      const response = await fetch(vote.action, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
        // The login goes with a vote to the site's own origin: the internal site's nginx asks for it on /feedback/
        // too (basic auth, or the cookie of an auth_request single sign-on). To a service on another origin (an
        // embed's panel in an app, a service on its own address) "same-origin" sends nothing, as "omit" did.
        credentials: "same-origin",
      });
      if (!response.ok) throw new Refused(response.status);
    }

    const generic = error.textContent;
    function fail(reason) {
      console.warn("Lanterne reactions:", reason);
      error.textContent = error.dataset[messageFor(reason)] || generic;
      error.hidden = false;
    }

    vote.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = event.submitter;
      if (!button || button.name !== "reaction") return;
      const reaction = button.value;
      const details = reaction !== "happy" && state.details ? state.details : {};
      faces.forEach((face) => (face.disabled = true));
      try {
        await send({ reaction, ...details });
      } catch (reason) {
        fail(reason);
        return;
      } finally {
        faces.forEach((face) => (face.disabled = false));
      }
      state.reaction = reaction;
      faces.forEach((face) => face.setAttribute("aria-pressed", String(face === button)));
      error.hidden = true;
      sent.hidden = true;
      more.hidden = reaction === "happy";
      change.hidden = false;
      section.dataset.state = "voted";
      section.dataset.reaction = reaction;
      thanks.focus();
    });

    more.addEventListener("submit", async (event) => {
      event.preventDefault();
      const reasons = Array.from(more.querySelectorAll("input[name=reasons]:checked"), (box) => box.value);
      const details = { reasons, comment: more.elements.comment.value };
      const submit = more.querySelector("button[type=submit]");
      submit.disabled = true;
      try {
        await send(details);
      } catch (reason) {
        fail(reason); // the chips and the comment stay as the reader left them
        return;
      } finally {
        submit.disabled = false;
      }
      state.details = details;
      error.hidden = true;
      more.hidden = true;
      sent.hidden = false;
      sent.focus();
    });

    change.addEventListener("click", () => {
      delete section.dataset.state;
      more.hidden = true;
      sent.hidden = true;
      change.hidden = true;
      (faces.find((face) => face.getAttribute("aria-pressed") === "true") || faces[0]).focus();
    });
  }

  document.querySelectorAll("[data-lt-reactions]").forEach(setup);
})();
