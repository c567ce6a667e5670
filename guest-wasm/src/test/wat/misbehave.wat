;; Misbehaves according to the request method: TRAP hits `unreachable`, SPIN loops forever,
;; BADPTR hands the host an out-of-bounds pointer, GROW grows memory until it is refused and
;; answers the page count, EXIT calls proc_exit, LOAD reads past the end of memory, DEEP
;; recurses without end; anything else answers "ok".
(module
  (import "w9y" "respond" (func $respond (param i32 i32 i32 i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok")
  (global $heap (mut i32) (i32.const 4096))
  (func (export "w9y_alloc") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $p))
  (func $deep (param $n i32) (result i32) (i32.add (call $deep (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  (func $first (param $ptr i32) (result i32) (i32.load8_u (i32.add (local.get $ptr) (i32.const 4))))
  (func (export "w9y_on_request") (param $id i32) (param $ptr i32) (param $len i32)
    (local $c i32) (local $pages i32)
    (global.set $heap (i32.const 4096))
    (local.set $c (call $first (local.get $ptr)))
    (if (i32.eq (local.get $c) (i32.const 84)) (then unreachable))              ;; T
    (if (i32.eq (local.get $c) (i32.const 83)) (then (loop $l (br $l))))         ;; S
    (if (i32.eq (local.get $c) (i32.const 66))                                   ;; B
      (then (call $respond (local.get $id) (i32.const 200) (i32.const 2147483000) (i32.const 4096)) (return)))
    (if (i32.eq (local.get $c) (i32.const 69)) (then (call $exit (i32.const 3))))  ;; E
    (if (i32.eq (local.get $c) (i32.const 76)) (then (drop (i32.load (i32.const 2147483000)))))  ;; L
    (if (i32.eq (local.get $c) (i32.const 68)) (then (drop (call $deep (i32.const 0)))))  ;; D
    (if (i32.eq (local.get $c) (i32.const 71))                                   ;; G
      (then
        (block $done
          (loop $grow
            (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
            (br $grow)))
        (local.set $pages (memory.size))
        ;; answer the page count as one byte
        (i32.store8 (i32.const 32) (local.get $pages))
        (call $respond (local.get $id) (i32.const 200) (i32.const 32) (i32.const 1))
        (return)))
    (call $respond (local.get $id) (i32.const 200) (i32.const 16) (i32.const 2)))
)
