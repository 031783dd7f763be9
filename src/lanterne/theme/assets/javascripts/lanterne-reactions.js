// Lanterne reactions: send the vote in the background, then offer reasons and a comment on 😞 and 😐.
// Without this script the block is a plain form; with it, nothing leaves the page but the reaction itself
// and an anonymous random token kept in localStorage (no cookies), so a later reaction replaces the earlier one.
"use strict";
(() => {
  const TOKEN_KEY = "lanterne.visitor";
  const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

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
        credentials: "omit",
      });
      if (!response.ok) throw new Error(`feedback service answered ${response.status}`);
    }

    function fail(reason) {
      console.warn("Lanterne reactions:", reason);
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
