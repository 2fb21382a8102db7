/* Part of the iframe-worker 1.0.4 shim (https://github.com/squidfunk/iframe-worker), (c) 2020-2022 Martin Donath,
 * MIT licence: see iframe-worker-LICENSE.txt beside this file. This was an inline script in the original; as a file
 * it runs under the site's Content-Security-Policy. It runs inside the hidden iframe that stands in for a Web
 * Worker on file://: what the worker posts goes to the page, and importScripts loads scripts in order. */
"use strict";(()=>{var m=document.currentScript,u=m.getAttribute("data-worker");
/* Material's search worker finds its own address as the first script[src] of this document: leave only its own. */
m.remove();
window.postMessage=function(s,n){parent.postMessage(s,n||"*")};
window.importScripts=function(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())};
addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:u,error}))});})();
