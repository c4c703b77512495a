// A "Copy link" button beside the private resume link. Without this script (or without the
// clipboard API) the button stays hidden and the link can be selected and copied by hand.
(function () {
  "use strict";
  var input = document.getElementById("resume-url");
  var button = document.getElementById("resume-copy");
  var status = document.getElementById("resume-copy-status");
  if (!input || !button || !status || !navigator.clipboard || !window.isSecureContext) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(input.value).then(
      function () {
        status.textContent = button.dataset.copied;
      },
      function () {
        input.select();
        status.textContent = button.dataset.failed;
      }
    );
  });
})();
