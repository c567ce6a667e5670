package dev.w9y.guestjs.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.guestjs.JsTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Blob and File (File API), FormData (XHR), and form bodies (Fetch, HTML multipart). */
class FormsTest {
  private final JsTestContext js = JsTestContext.withFullPrelude();

  @AfterEach
  void close() {
    js.close();
  }

  @Test
  void blobsJoinTheirPartsAndSliceLikeTheFileApi() {
    assertThat(
            js.async(
                """
                const inner = new Blob(['in']);
                const b = new Blob(['é', new Uint8Array([33]), inner, 'a\\r\\nb'], { type: 'Text/Plain' });
                const native = new Blob(['a\\r\\nb\\rc'], { endings: 'native' });
                const read = await b.stream().getReader().read();
                return [b.size, b.type, await b.text(), await b.slice(-4, -1).text(), b.slice(5, 2).size,
                  new Blob([], { type: 'a\\u0001b' }).type, native.size, read.value.length,
                  (await b.arrayBuffer()).byteLength, Object.prototype.toString.call(b)].join('|');
                """))
        .isEqualTo("9|text/plain|é!ina\r\nb|a\r\n|0||5|9|9|[object Blob]");
  }

  @Test
  void filesHaveANameAndTheVirtualClocksLastModified() {
    // The test host's clock reads 0.
    assertThat(
            js.async(
                """
                const f = new File(['x'], 'a.txt', { type: 'text/plain' });
                const dated = new File([], 'b', { lastModified: 42 });
                let missing;
                try { new File(['x']); } catch (e) { missing = e.constructor.name; }
                return [f.name, f.lastModified, f.type, f instanceof Blob, dated.lastModified, missing].join(' ');
                """))
        .isEqualTo("a.txt 0 text/plain true 42 TypeError");
  }

  @Test
  void formDataKeepsEntriesInOrderAndTurnsBlobsIntoFiles() {
    assertThat(
            js.async(
                """
                const f = new FormData();
                f.append('a', '1');
                f.append('b', new Blob(['data'], { type: 'x/y' }));
                f.append('a', '2');
                f.append('c', new Blob(['z']), 'named.bin');
                const before = [...f.keys()].join(',');
                f.set('a', '3');
                let stringWithName;
                try { f.append('d', 'text', 'file.txt'); } catch (e) { stringWithName = e.constructor.name; }
                const b = f.get('b');
                return [before, [...f].map(([k, v]) => k + '=' + (typeof v === 'string' ? v : v.name)).join(','),
                  f.getAll('a').length, b instanceof File, b.name, b.type, f.get('c').name, f.has('zz'), String(f.get('zz')),
                  stringWithName].join(' ');
                """))
        .isEqualTo("a,b,a,c a=3,b=blob,c=named.bin 1 true blob x/y named.bin false null TypeError");
  }

  @Test
  void aFormBodyIsMultipartWithASeededBoundaryAndParsesBack() {
    // The test host's random bytes are all 0x01: the boundary is exactly those draws.
    assertThat(
            js.async(
                """
                const f = new FormData();
                f.append('title', 'line1\\nline2');
                f.append('we"ird', 'é');
                f.append('upload', new File([new Uint8Array([0, 255])], 'data.bin', { type: 'application/x-thing' }));
                const r = new Response(f);
                const type = r.headers.get('content-type');
                const raw = await r.clone().text();
                const back = await r.formData();
                const file = back.get('upload');
                return [type, raw.includes('name="we%22ird"'), raw.includes('line1\\r\\nline2'),
                  back.get('title') === 'line1\\r\\nline2', back.get('we%22ird'), file.name, file.type,
                  [...new Uint8Array(await file.arrayBuffer())].join(',')].join(' | ');
                """))
        .isEqualTo(
            "multipart/form-data; boundary=----W9YFormBoundary1111111111111111 | true | true | true"
                + " | é | data.bin | application/x-thing | 0,255");
  }

  @Test
  void blobsAndFilesSurviveStructuredCloneAndOtherPlatformObjectsAreRefused() {
    assertThat(
            js.async(
                """
                const file = new File(['bytes'], 'n.txt', { type: 'text/plain', lastModified: 7 });
                const copy = structuredClone({ file, again: file, blob: new Blob(['b'], { type: 'x/y' }) });
                const refused = [];
                for (const value of [new FormData(), new URL('http://h/'), new ReadableStream(), new TransformStream()]) {
                  try { structuredClone(value); refused.push('cloned'); } catch (e) { refused.push(e.name); }
                }
                return [copy.file instanceof File, copy.file.name, copy.file.type, copy.file.lastModified,
                  await copy.file.text(), copy.again === copy.file, copy.blob.type, await copy.blob.text(),
                  copy.file === file, refused.join(',')].join(' ');
                """))
        .isEqualTo(
            "true n.txt text/plain 7 bytes true x/y b false"
                + " DataCloneError,DataCloneError,DataCloneError,DataCloneError");
  }

  @Test
  void urlencodedAndHandWrittenMultipartBodiesParseAndOthersAreErrors() {
    assertThat(
            js.async(
                """
                const form = await new Request('http://h/', { method: 'POST', body: new URLSearchParams('a=1&b=x+y&a=%C3%A9') }).formData();
                const body = '--XyZ\\r\\nContent-Disposition: form-data; name="note"\\r\\n\\r\\nhello\\r\\n'
                  + '--XyZ\\r\\ncontent-disposition: form-data; name=pic; filename="p.png"\\r\\nContent-Type: image/png\\r\\n\\r\\nPNG\\r\\n--XyZ--\\r\\n';
                const parsed = await new Response(body, { headers: { 'content-type': 'multipart/form-data; boundary="XyZ"' } }).formData();
                let notAForm, noBoundary;
                try { await new Response('x').formData(); } catch (e) { notAForm = e.constructor.name; }
                try { await new Response('x', { headers: { 'content-type': 'multipart/form-data' } }).formData(); } catch (e) { noBoundary = e.message.includes('boundary'); }
                const blob = await new Response(new Blob(['<p>'], { type: 'text/html' })).blob();
                return [form.getAll('a').join(','), form.get('b'), parsed.get('note'), parsed.get('pic').name,
                  parsed.get('pic').type, await parsed.get('pic').text(), notAForm, noBoundary, blob.type, blob.size].join(' ');
                """))
        .isEqualTo("1,é x y hello p.png image/png PNG TypeError true text/html 3");
  }
}
