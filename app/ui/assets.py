"""The page's CSS and the small script behind the citation chips.

Gradio 6 takes css/js at launch(), not in the Blocks constructor; the header's `js_on_load` installs both instead, so
`create_app()` is complete on its own however it is launched.
"""
from __future__ import annotations

import json

CSS = """
.pc-header h1 { margin: 0 0 .1em 0; font-size: 1.6em; }
.pc-header .pc-tagline { margin: 0; opacity: .8; }
.pc-header .pc-docs { margin: .3em 0; padding-left: 1.2em; }
.pc-header .pc-facts { margin: 0; font-size: .9em; opacity: .8; }
.cite-chip { display: inline-block; padding: 0 .45em; margin: 0 .1em; border-radius: .8em; font-size: .85em;
  font-weight: 600; line-height: 1.5; background: #dbeafe; color: #1e40af !important; text-decoration: none !important;
  cursor: pointer; border: 1px solid #93c5fd; white-space: nowrap; }
.cite-chip:hover { background: #bfdbfe; }
.cite-chip.unverified { background: #fef3c7; color: #92400e !important; border-color: #f59e0b; }
.cite-chip.pending { opacity: .6; cursor: default; }
.pc-unverified { background: #fef3c7; border-bottom: 2px dotted #f59e0b; }
.pc-unverified .pc-why { color: #92400e; }
.pc-unverified-note, .pc-notes { margin-top: .5em; font-size: .85em; color: #92400e; }
.pc-notes { color: inherit; opacity: .75; }
.pc-reader { margin-top: .4em; font-size: .8em; opacity: .65; }
.pc-read-as { margin-bottom: .4em; font-size: .8em; font-style: italic; opacity: .75; }
.pc-abstain { border-left: 4px solid #dc2626; padding-left: .6em; }
.pc-abstain-title { font-weight: 700; color: #b91c1c; }
.pc-partial { border-left: 4px solid #d97706; padding-left: .6em; }
.pc-partial-title { font-weight: 700; color: #b45309; }
.pc-clarify-title { font-weight: 700; color: #1d4ed8; }
.pc-see { margin-top: .3em; }
.pc-error { color: #b91c1c; }
.pc-pending { opacity: .7; font-style: italic; }
.pc-evidence h3 { margin: .6em 0 .3em 0; }
.pc-para { border: 1px solid #e5e7eb; border-radius: .5em; padding: .5em .7em; margin: 0 0 .6em 0;
  scroll-margin-top: 1em; transition: box-shadow .3s, background .3s; }
.pc-para header { font-size: .85em; display: flex; flex-wrap: wrap; gap: .5em; align-items: baseline; }
.pc-para .pc-num { font-weight: 700; font-size: 1.1em; }
.pc-para .pc-doc { opacity: .6; margin-left: auto; max-width: 45%; overflow: hidden; text-overflow: ellipsis;
  white-space: nowrap; }
.pc-para .pc-text { margin: .3em 0 0 0; white-space: pre-wrap; }
.pc-para.cited { border-left: 4px solid #2563eb; }
.pc-para.related, .pc-para.see { opacity: .9; }
.pc-para.unverified { border-left-color: #f59e0b; }
.pc-para-warn { font-size: .85em; color: #92400e; margin-top: .3em; }
.pc-para summary { cursor: pointer; list-style: none; }
.pc-para summary::-webkit-details-marker { display: none; }
.pc-para .pc-snippet { display: block; font-size: .9em; opacity: .8; margin-top: .2em; }
.pc-para[open] .pc-snippet { display: none; }
.pc-para.pc-selected { box-shadow: 0 0 0 3px #2563eb; background: rgba(37, 99, 235, .06); }
.pc-para mark { background: #fde68a; color: inherit; padding: 0 .1em; }
.pc-abstain-box { border: 2px solid #dc2626; border-radius: .5em; padding: .5em .7em; color: #b91c1c; }
.pc-partial-box { border: 2px solid #d97706; border-radius: .5em; padding: .5em .7em; color: #92400e; }
#pc-evidence { max-height: 85vh !important; overflow-y: auto !important; }
"""

# A chip is <a href="#para-<doc>-<n>">: scroll its card into view inside the evidence panel and mark it selected.
# Capturing on the document survives the chat and the panel being re-rendered.
_SCRIPT = """
if (!window.__paraciteChips) {
  window.__paraciteChips = true;
  const style = document.createElement('style');
  style.textContent = CSS_TEXT;
  document.head.appendChild(style);
  document.addEventListener('click', function (event) {
    const chip = event.target.closest && event.target.closest('a[href^="#para-"]');
    if (!chip) return;
    event.preventDefault();
    event.stopPropagation();
    const id = chip.getAttribute('href').slice(1);
    const card = document.getElementById(id);
    window.__paraciteSelected = id;
    if (!card) { chip.setAttribute('title', 'This paragraph belongs to an earlier answer: ask again to see it.'); return; }
    document.querySelectorAll('.pc-para.pc-selected').forEach(function (el) { el.classList.remove('pc-selected'); });
    card.classList.add('pc-selected');
    if (card.tagName === 'DETAILS') card.open = true;
    card.scrollIntoView({behavior: 'smooth', block: 'center'});
  }, true);
}
"""

CLIENT_JS = _SCRIPT.replace("CSS_TEXT", json.dumps(CSS))
