// Save-and-resume without a click: each answer is kept on the server as it is chosen, so a client
// who closes the page halfway finds their answers again with the same link. Without JavaScript the
// "Save and finish later" button does the same.
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;
  form.addEventListener("change", function () {
    var data = new FormData(form);
    data.append("save", "1");
    fetch(window.location.href, {method: "POST", body: data, headers: {"X-Autosave": "1"}, credentials: "omit", keepalive: true})
      .catch(function () { /* the button still works */ });
  });
})();
