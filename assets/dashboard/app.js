// keep's dashboard: the one script. Every page works without it; it only enhances:
// the environment switcher goes on change, revealed values are masked again after their
// time (the page also refreshes to its masked self without script), and "Copy" puts one
// value on the clipboard without showing it (a POST, audited as a reveal).
"use strict";
(function () {
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }

  const remask = document.querySelector("[data-remask]");
  if (remask) {
    const seconds = Number(remask.getAttribute("data-remask")) || 30;
    setTimeout(() => {
      for (const v of document.querySelectorAll(".revealed")) {
        const mask = document.createElement("span");
        mask.className = "mask";
        mask.textContent = "••••••••";
        v.replaceWith(mask);
      }
      remask.textContent = "Values are masked again.";
    }, seconds * 1000);
  }

  const edit = document.getElementById("edit");
  for (const button of document.querySelectorAll("button.copy")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const form = new URLSearchParams();
      form.set("form_token", edit.querySelector("input[name=form_token]").value);
      form.set("key", button.getAttribute("data-key"));
      form.set("copy", "1");
      const url = edit.getAttribute("action").replace(/\/edit$/, "/reveal");
      try {
        const answer = await fetch(url, { method: "POST", body: form, credentials: "same-origin", cache: "no-store" });
        if (!answer.ok) throw new Error(answer.status);
        await navigator.clipboard.writeText(await answer.text());
        button.textContent = "Copied";
      } catch (e) {
        button.textContent = "Copy failed";
      }
      setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
  }
})();
