/* Forms with data-confirm ask before they are sent; once confirmed they carry
   confirm=1, which the server asks for itself when a page runs without JavaScript. */
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute("data-confirm");
  if (!message) return;
  if (!window.confirm(message)) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
  if (!form.querySelector('input[name="confirm"]')) {
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "confirm";
    field.value = "1";
    form.appendChild(field);
  }
}, true);
