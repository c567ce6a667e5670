;; The CompiledWasm module of ModuleTypesTest: imports a JS function, exports i32, i64 and f64
;; arithmetic, memory access, an endless loop (for the instruction budget) and a trap. Built with
;; `wat2wasm math.wat -o math.wasm`.
(module
  (import "env" "log" (func $log (param i32 i64)))
  (import "env" "peek" (func $peek (param i32)))
  (memory (export "memory") 1 2)
  (func (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func (export "mul64") (param i64 i64) (result i64)
    local.get 0 local.get 1 i64.mul)
  (func (export "half") (param f64) (result f64)
    local.get 0 f64.const 0.5 f64.mul)
  (func (export "report") (param i32)
    local.get 0 i64.const 9007199254740993 call $log)
  (func (export "spin") (loop br 0))
  (func (export "trap") unreachable)
  (func (export "store") (param i32 i32)
    local.get 0 local.get 1 i32.store)
  (func (export "load") (param i32) (result i32)
    local.get 0 i32.load)
  (func (export "storeAndPeek") (param i32 i32)
    local.get 0 local.get 1 i32.store
    local.get 0 call $peek)
  (func (export "pages") (result i32) memory.size))
