package dev.w9y.core.r2;

import dev.w9y.core.platform.PlatformAccess;
import dev.w9y.core.platform.PlatformBinding;
import java.util.Objects;

/**
 * A binding to the R2 bucket {@code bucket} (wrangler's {@code r2_buckets[].bucket_name}): every
 * service bound to the same bucket name shares its objects.
 */
public record R2BucketBinding(String bucket) implements PlatformBinding {
  public R2BucketBinding {
    Objects.requireNonNull(bucket, "bucket");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("an R2 bucket needs a non-empty bucket name");
    }
  }

  @Override
  public String kind() {
    return "r2";
  }

  @Override
  public String describe() {
    return "r2 bucket " + bucket;
  }

  @Override
  public Object open(PlatformAccess access) {
    return new R2Handle(access, this);
  }
}
