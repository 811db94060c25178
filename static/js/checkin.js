// Check-in screen: the name list is filtered while typing (accents and case ignored, as the server does
// when the search form is sent without JavaScript).
(function () {
  function fold(s) {
    return s.toLowerCase().replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var input = document.querySelector("input[data-filter]");
  var list = input && document.getElementById(input.dataset.filter);
  if (!list) return;
  var rows = Array.prototype.slice.call(list.querySelectorAll("li[data-search]"));
  rows.forEach(function (li) { li.dataset.folded = fold(li.dataset.search); });
  input.addEventListener("input", function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    rows.forEach(function (li) {
      li.hidden = !words.every(function (w) { return li.dataset.folded.indexOf(w) !== -1; });
    });
  });
})();
