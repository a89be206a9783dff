#!/usr/bin/python3
# pack_page.py — makes the one-file page from what emcc linked: the runtime's JavaScript (nianbao.js) put
# inline where emcc referenced it, and the WebAssembly (nianbao.wasm) gzip-compressed into the inert
# <script type="text/plain" id="nb-wasm"> block, which shell.html inflates (natively, or with the JS gunzip) like the
# fonts and instantiates through Module.instantiateWasm (nothing is fetched). The wasm compresses to about
# 40 %: the page is ~0.9 MB smaller than with emcc's SINGLE_FILE base64 of the raw wasm.
# Usage: pack_page.py LINKED_DIR/nianbao.html OUT.html
import base64, gzip, os, sys

src, out = sys.argv[1], sys.argv[2]
base = os.path.splitext(src)[0]
html = open(src, encoding='utf-8').read()
js = open(base + '.js', encoding='utf-8').read()
wasm = open(base + '.wasm', 'rb').read()
tag = '<script async type="text/javascript" src="%s.js"></script>' % os.path.basename(base)
assert html.count(tag) == 1, 'emcc output has no single script tag ' + tag
assert html.count('{{{ NB_WASM }}}') == 1, 'shell has no {{{ NB_WASM }}} block'
js = js.replace('</script', '<\\/script')
packed = base64.b64encode(gzip.compress(wasm, compresslevel=9, mtime=0)).decode('ascii')
html = html.replace(tag, '<script id="nb-main">\n' + js + '\n</script>').replace('{{{ NB_WASM }}}', packed)
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
tmp = out + '.tmp'
with open(tmp, 'w', encoding='utf-8', newline='\n') as f:
    f.write(html)
os.replace(tmp, out)
print('pack_page: wasm %d bytes -> %d gzip+base64; page %d bytes' % (len(wasm), len(packed), len(html.encode('utf-8'))))
