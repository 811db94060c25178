// Searchable NACE picker: typing words in cs, de or en (accents and case ignored) lists matching
// divisions; choosing one adds its code to the text field, which stays the source of truth.
(function () {
  function fold(s) {
    return s.toLowerCase().replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function codes(input) {
    return input.value.split(/[,;\s]+/).map(function (c) { return c.trim().toUpperCase(); }).filter(Boolean);
  }
  function setup(box) {
    var input = document.getElementById(box.dataset.target);
    var find = box.querySelector(".sector-find input");
    var hits = box.querySelector(".sector-hits");
    var chosen = box.querySelector(".sector-chosen");
    var data = JSON.parse(box.querySelector(".nace-data").textContent);
    var removeLabel = box.querySelector(".nace-remove-label").textContent;
    var byCode = {};
    data.forEach(function (d) { byCode[d.code] = d; });
    box.querySelector(".sector-find").hidden = false;

    function showChosen() {
      chosen.innerHTML = "";
      codes(input).forEach(function (code) {
        var d = byCode[code.split(".")[0]];
        var li = document.createElement("li");
        li.className = "chip";
        li.textContent = d ? d.name.replace(/\([A-Z0-9.]+\)$/, "(" + code + ")") : code;
        var x = document.createElement("button");
        x.type = "button"; x.className = "link"; x.textContent = "×";
        x.setAttribute("aria-label", removeLabel + " " + code);
        x.addEventListener("click", function () {
          input.value = codes(input).filter(function (c) { return c !== code; }).join(", ");
          showChosen();
        });
        li.appendChild(x);
        chosen.appendChild(li);
      });
    }
    function search() {
      var words = fold(find.value).split(/\s+/).filter(Boolean);
      hits.innerHTML = "";
      if (!words.length) return;
      data.filter(function (d) {
        return words.every(function (w) { return d.words.indexOf(w) >= 0; });
      }).slice(0, 8).forEach(function (d) {
        var li = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button"; b.className = "link"; b.textContent = d.name; b.dataset.code = d.code;
        b.addEventListener("click", function () {
          var now = codes(input);
          if (now.indexOf(d.code) < 0) now.push(d.code);
          input.value = now.join(", ");
          find.value = ""; hits.innerHTML = "";
          showChosen();
          find.focus();
        });
        li.appendChild(b);
        hits.appendChild(li);
      });
    }
    find.addEventListener("input", search);
    find.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); } });
    input.addEventListener("input", showChosen);  // on input, not change: a change on blur would move the
    input.addEventListener("change", showChosen); // buttons below just as someone clicks one of them
    showChosen();
  }
  document.querySelectorAll(".sector-picker").forEach(setup);
})();
