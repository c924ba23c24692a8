// Bring each article's first supporting sentence into view inside its text box.
"use strict";

for (const box of document.querySelectorAll(".article-text")) {
  const mark = box.querySelector("mark");
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
}
