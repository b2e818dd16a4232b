// "Copy" buttons beside read-only link boxes: progressive enhancement (the box can always be selected by hand).
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy]");
  if (!button) return;
  var box = document.getElementById(button.getAttribute("data-copy"));
  if (!box) return;
  box.select();
  var done = function () { button.textContent = "Copied"; };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(box.value).then(done, function () { document.execCommand("copy"); done(); });
  } else {
    document.execCommand("copy");
    done();
  }
});
