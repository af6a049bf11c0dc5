/**
 * `GET /api/docs`: a self-contained page that renders the OpenAPI document (no CDN: the
 * network may be closed). It lists every operation with its parameters and body schema.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>motcua API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-bottom:1px solid #ddd;margin-top:2rem}.op{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid #888;background:#fafafa}
.m{font-weight:bold;text-transform:uppercase;margin-right:.5rem}.get{border-color:#2a7}.post{border-color:#27a}.put{border-color:#a72}
pre{background:#f0f0f0;padding:.5rem;overflow:auto;font-size:12px}
</style></head><body>
<h1>motcua API</h1><p id="desc"></p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p><div id="ops"></div>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  document.getElementById('desc').textContent=doc.info.description;
  const out=document.getElementById('ops');
  const esc=s=>String(s).replace(/[&<>]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;'}[c]));
  const deref=s=>s&&s.$ref?doc.components.schemas[s.$ref.split('/').pop()]:s;
  for(const [path,ops] of Object.entries(doc.paths)){
    const h=document.createElement('h2');h.textContent=path;out.appendChild(h);
    for(const [m,op] of Object.entries(ops)){
      const d=document.createElement('div');d.className='op '+m;
      let html='<span class="m">'+m+'</span>'+esc(op.summary||'');
      if(op.security)html+=' <em>(bearer token)</em>';
      if(op.parameters)html+='<ul>'+op.parameters.map(p=>'<li><code>'+esc(p.name)+'</code> ('+p.in+') '+esc(p.description||'')+'</li>').join('')+'</ul>';
      const body=op.requestBody&&op.requestBody.content&&op.requestBody.content['application/json'];
      if(body)html+='<pre>'+esc(JSON.stringify(deref(body.schema),null,2))+'</pre>';
      html+='<p>Responses: '+Object.entries(op.responses).map(([c,r])=>'<b>'+c+'</b> '+esc(r.description)).join('; ')+'</p>';
      d.innerHTML=html;out.appendChild(d);
    }
  }
});
</script></body></html>`;
