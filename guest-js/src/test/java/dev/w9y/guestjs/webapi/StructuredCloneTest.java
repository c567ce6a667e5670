package dev.w9y.guestjs.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.guestjs.JsTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StructuredCloneTest {
  private final JsTestContext js =
      JsTestContext.with("dom-exception.js", "encoding.js", "headers.js", "structured-clone.js");

  @AfterEach
  void close() {
    js.close();
  }

  @Test
  void primitivesIncludingSpecialNumbersAndStringsRoundTrip() {
    assertThat(
            js.string(
                "const values = [undefined, null, true, false, 0, -0, NaN, Infinity, 1.5e300, 'héllo',"
                    + " '\\ud83d\\ude00 emoji', '\\ud800 lone', 12345678901234567890n, -5n, 0n];"
                    + " const back = structuredClone(values);"
                    + " return values.map((v, i) => Object.is(v, back[i])).join(',');"))
        .isEqualTo("true,true,true,true,true,true,true,true,true,true,true,true,true,true,true");
  }

  @Test
  void topLevelPrimitivesTakeTheDirectPathWithTheWritersBytes() {
    // A lone primitive is written without the Writer (storage values are mostly numbers and
    // short strings); its bytes must be exactly the Writer's, which writes it inside an array.
    assertThat(
            js.string(
                "const s = __internal.serialize; const d = __internal.deserialize;"
                    + " const values = [undefined, null, true, false, 0, -0, NaN, -Infinity, 1.5, 2 ** 53, '',"
                    + " 'h\u00e9llo \u00ff', 'x'.repeat(300), '\u20ac wide', '\ud800 lone'];"
                    // count
                    + " return values.map((v) => { const k = 'k'; const inObject = s({ [k]: v });"
                    + "   const element = inObject.slice(inObject.indexOf(k) + 1);"
                    + "   return [s(v).slice(1) === element, Object.is(d(s(v)), v)].join('/'); }).join(',');"))
        .isEqualTo(String.join(",", java.util.Collections.nCopies(15, "true/true")));
  }

  @Test
  void numbersAreWrittenAndReadBigEndianAsDataViewDoes() {
    // The prelude writes doubles through a Float64Array in reverse byte order on little-endian
    // platforms (no DataView calls); the bytes must be DataView's big-endian ones, and read back
    // to the same number (NaN and -0 included).
    assertThat(
            js.string(
                "const view = new DataView(new ArrayBuffer(8));"
                    + " const values = [0, -0, 1, -1, 1.5, 255, 256, 65535, 2 ** 31, -(2 ** 31), 2 ** 53 + 2, 1e-310,"
                    + "  Number.MIN_VALUE, Number.MAX_VALUE, Infinity, -Infinity, NaN, Math.PI, 0.1];"
                    + " return values.map((v) => { view.setFloat64(0, v); let expected = '\\x01\\x04';"
                    + "   for (let i = 0; i < 8; i++) expected += String.fromCharCode(view.getUint8(i));"
                    + "   const bin = __internal.serialize(v);"
                    + "   return bin === expected && Object.is(__internal.deserialize(bin), v)"
                    + "     && Object.is(__internal.deserialize(__internal.serialize([v]))[0], v); })"
                    + " .every((ok) => ok);"))
        .isEqualTo("true");
  }

  @Test
  void theStoredByteFormatStaysAsWritten() {
    // Stored values outlive a W9Y version: these bytes were written by format 1's first Writer.
    assertThat(
            js.string(
                "const shared = { s: 'x' };"
                    + " const v = { n: -1.5, t: 'h\\u00e9', w: '\\u20ac', b: [true, null, undefined], m: new Map([[1n, shared]]),"
                    + "  set: new Set([-300n]), d: new Date(0), u8: new Uint8Array([0, 255]), again: shared };"
                    + " const bin = __internal.serialize(v);"
                    + " return Array.from(bin, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');"))
        .isEqualTo(
            "01100905016e04bff8000000000000050174050268e9050177060120ac0501620f030305013002050131010501320005016d0d0107000101100105017305017805037365740e01070102012c050164080000000000000000050275380b0100020a0200ff0505616761696e1603");
  }

  @Test
  void aKeyNamedProtoStaysAnOwnPropertyAndLeavesThePrototypeAlone() {
    assertThat(
            js.string(
                "const o = JSON.parse('{\"__proto__\": { \"polluted\": 1 }, \"a\": 2}');"
                    + " const c = structuredClone(o);"
                    + " return [Object.getPrototypeOf(c) === Object.prototype, c.polluted,"
                    + "  Object.keys(c).join('/'), c.a, c['__proto__'].polluted].join(' ');"))
        .isEqualTo("true  __proto__/a 2 1");
  }

  @Test
  void builtInObjectsKeepTheirTypesAndContents() {
    assertThat(
            js.string(
                "const v = { d: new Date(86400000), r: /a+b/gi, m: new Map([[1, 'one'], ['k', { x: 1 }]]),"
                    + " s: new Set(['b', 'a']), u8: new Uint8Array([1, 2, 255]), f64: new Float64Array([0.5]),"
                    + " big: new BigInt64Array([-1n]), e: new RangeError('bad'), n: new Number(3),"
                    + " str: new String('w'), b: new Boolean(false), arr: [1, , 3] };"
                    + " v.arr.extra = 'x';"
                    + " const c = structuredClone(v);"
                    + " return [c.d instanceof Date, c.d.getTime(), c.r.source, c.r.flags, [...c.m.keys()].join('/'),"
                    + "  c.m.get('k').x, [...c.s].join(''), c.u8.join('.'), c.f64[0], c.big[0], c.e instanceof RangeError,"
                    + "  c.e.message, typeof c.n, c.n + 1, String(c.str), c.b.valueOf(), c.arr.length, 1 in c.arr,"
                    + "  c.arr.extra].join('|');"))
        .isEqualTo(
            "true|86400000|a+b|gi|1/k|1|ba|1.2.255|0.5|-1|true|bad|object|4|w|false|3|false|x");
  }

  @Test
  void sharedReferencesCyclesAndSharedBuffersKeepTheirShape() {
    assertThat(
            js.string(
                "const shared = { name: 's' }; const a = { shared, again: shared }; a.self = a;"
                    + " const buffer = new ArrayBuffer(4); a.x = new Uint8Array(buffer); a.y = new Uint16Array(buffer, 2, 1);"
                    + " const c = structuredClone(a); c.x[2] = 7;"
                    + " return [c.shared === c.again, c.self === c, c.shared !== shared,"
                    + "  c.x.buffer === c.y.buffer, c.y[0] !== 0].join(',');"))
        .isEqualTo("true,true,true,true,true");
  }

  @Test
  void functionsSymbolsPromisesAndPlatformObjectsAreDataCloneErrors() {
    assertThat(
            js.string(
                "const out = [];"
                    + " for (const v of [() => 1, Symbol('s'), Promise.resolve(), new WeakMap(), new Headers(), { f() {} }]) {"
                    + "   try { structuredClone(v); out.push('cloned'); }"
                    + "   catch (e) { out.push(e.name + ':' + (e instanceof DOMException)); } }"
                    + " return out.join(',');"))
        .isEqualTo(
            "DataCloneError:true,DataCloneError:true,DataCloneError:true,DataCloneError:true,"
                + "DataCloneError:true,DataCloneError:true");
  }

  @Test
  void classInstancesBecomePlainObjectsOfTheirOwnEnumerableProperties() {
    assertThat(
            js.string(
                "class Point { #secret = 1; constructor() { this.x = 1; this.y = 2; } get sum() { return 3; } }"
                    + " const c = structuredClone(new Point());"
                    + " return [Object.getPrototypeOf(c) === Object.prototype, JSON.stringify(c)].join(' ');"))
        .isEqualTo("true {\"x\":1,\"y\":2}");
  }

  /** Stored bytes must stay readable by later versions: this pins the format. */
  @Test
  void theByteFormatIsPinned() {
    assertThat(
            js.string(
                "const hex = (s) => Array.from(s, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');"
                    + " return [hex(__internal.serialize(1)), hex(__internal.serialize('hi')),"
                    + "  hex(__internal.serialize({ a: [true, null] })), hex(__internal.serialize(new Map([[1n, undefined]])))].join(' ');"))
        // version 1; number 1.0; latin1 "hi"; object {a: array(2) {"0": true, "1": null}};
        // map {1n: undefined}
        .isEqualTo(
            "01043ff0000000000000 0105026869 0110010501610f02020501300205013101"
                + " 010d010700010100");
  }

  @Test
  void aTransferredArrayBufferMovesToTheCloneAndTheOriginalIsDetached() {
    assertThat(
            js.string(
                "const b = new ArrayBuffer(8); new Uint8Array(b)[0] = 7; const u = new Uint8Array(b, 2, 4);"
                    + " const c = structuredClone({ b, u }, { transfer: [b] });"
                    + " const r = new ArrayBuffer(4, { maxByteLength: 16 }); const rc = structuredClone(r, { transfer: [r] });"
                    + " return [b.detached, b.byteLength, u.length, c.b.byteLength, new Uint8Array(c.b)[0],"
                    + "  c.u.buffer === c.b, c.u.byteOffset, c.u.length, rc.resizable, rc.maxByteLength, r.detached].join(' ');"))
        .isEqualTo("true 0 0 8 7 true 2 4 true 16 true");
  }

  @Test
  void transferListsAreCheckedAsWorkerdChecksThem() {
    // workerd accepts a view (for its buffer), a repeated or already detached buffer, and detaches
    // the list's buffers even when the value then fails to clone.
    assertThat(
            js.string(
                "const attempt = (f) => { try { return String(f()); } catch (e) { return e.name + ': ' + e.message; } };"
                    + " const b = new ArrayBuffer(8); const view = new Uint8Array(2); const f = new ArrayBuffer(2);"
                    + " return [attempt(() => structuredClone(b, { transfer: [b, b] }).byteLength),"
                    + "  attempt(() => structuredClone(b, { transfer: [b] }).byteLength),"
                    + "  attempt(() => structuredClone(1, { transfer: [view] })), view.buffer.detached,"
                    + "  attempt(() => structuredClone(() => 1, { transfer: [f] })), f.detached,"
                    + "  attempt(() => structuredClone(1, { transfer: null })),"
                    + "  attempt(() => structuredClone(1, { transfer: [{}] })),"
                    + "  attempt(() => structuredClone(1, { transfer: [new SharedArrayBuffer(1)] }))].join(' | ');"))
        .isEqualTo(
            "8 | 0 | 1 | true | DataCloneError: () => 1 could not be cloned. | true | TypeError:"
                + " Incorrect type for the 'transfer' field on 'StructuredCloneOptions': the provided"
                + " value is not of type 'Array'. | TypeError: Object is not transferable |"
                + " TypeError: Object is not transferable");
  }

  @Test
  void aClonedSharedArrayBufferSharesItsMemoryButCannotBeStored() {
    assertThat(
            js.string(
                "const s = new SharedArrayBuffer(4); const c = structuredClone({ v: new Int8Array(s) });"
                    + " c.v[1] = 5; let stored; try { __internal.serialize(s); } catch (e) { stored = e.name + ': ' + e.message; }"
                    + " return [new Int8Array(s)[1], Object.prototype.toString.call(c.v.buffer), stored].join(' ');"))
        .isEqualTo(
            "5 [object SharedArrayBuffer] DataCloneError: #<SharedArrayBuffer> could not be cloned.");
  }
}
