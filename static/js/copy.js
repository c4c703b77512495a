// Copy buttons for read-only links: shown only when this script runs (without it the link is
// selectable text beside them). External file, so a strict Content Security Policy allows it.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    if (!field || !navigator.clipboard) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = button.dataset.copied;
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {
        field.select();  // no clipboard permission: leave it selected for Ctrl+C
      });
    });
  });
})();
