// Autosave for questionnaire pages: every change is saved in the background, so an answer
// survives even a closed tab before the person presses a button. The page works the same
// without this script; the buttons always save too.
(function () {
  "use strict";
  var form = document.querySelector("form.questionnaire");
  var status = document.getElementById("autosave-status");
  if (!form || !status || !window.fetch || !window.FormData) {
    return;
  }
  var timer = null;
  var saving = false;
  var again = false;

  function say(message) {
    status.textContent = message;
  }

  // The page posts back the values it was rendered with (initial-<name>), and the server
  // saves only fields that differ from them, so a stale second tab never blanks what this
  // one saved. Once a background save went through, what it sent is the new baseline.
  function moveBaseline(data) {
    data.forEach(function (value, name) {
      var baseline = form.elements.namedItem("initial-" + name);
      if (baseline && name.indexOf("initial-") !== 0) {
        baseline.value = value;
      }
    });
  }

  function save() {
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    var data = new FormData(form);
    data.set("direction", "stay");
    say(status.dataset.saving);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        // A redirect means the page saved cleanly; 200 means a field needs another look.
        if (response.type === "opaqueredirect" || response.status === 302) {
          moveBaseline(data);
          say(status.dataset.saved.replace("%s", new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })));
        } else if (response.ok) {
          moveBaseline(data); // valid fields were saved; an invalid one fails again on every save
          say(status.dataset.invalid);
        } else {
          say(status.dataset.failed);
        }
      })
      .catch(function () {
        say(status.dataset.failed);
      })
      .then(function () {
        saving = false;
        if (again) {
          again = false;
          save();
        }
      });
  }

  form.addEventListener("change", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 400);
  });
})();
