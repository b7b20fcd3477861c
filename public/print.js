// DropIt's print buttons ([data-print]): they open the browser's print dialog. The pages that
// have one are rendered on the server without WASM; this is all the script they need.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) {
    window.print();
  }
});
