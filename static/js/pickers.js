/* Searchable pickers: a <select data-filter="Label"> gets a search field that hides the options not matching
   what is typed (case and accents ignored: "dvorak" finds "Dvořák"). Without JavaScript the page offers a
   filter form instead (see the desk's walk-in form). Chosen options always stay visible. */
(function () {
  "use strict";
  function fold(s) {
    return s.toLowerCase().replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function setup(select, n) {
    var input = document.createElement("input");
    input.type = "search";
    input.id = (select.id || "picker") + "-find";
    input.className = "picker-find";
    input.setAttribute("aria-controls", select.id);
    input.setAttribute("autocomplete", "off");
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = select.dataset.filter;
    label.className = "picker-label";
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(input, select);
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        var text = fold(option.textContent);
        option.hidden = !option.selected && !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), setup);
  Array.prototype.forEach.call(document.querySelectorAll(".no-js-filter"), function (form) {
    form.hidden = true;
    form.style.display = "none";  // .filters sets display: flex, which would win over [hidden]
  });
}());
