/** JavaScript guests on GraalJS. Built by the guest-js issue. */
package dev.w9y.guestjs;
