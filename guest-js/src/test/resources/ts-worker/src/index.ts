import isOdd from "is-odd";
import banner from "./banner.txt";

interface Env {
  GREETING: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const n = Number(new URL(request.url).searchParams.get("n") ?? "1");
    const parity: string = isOdd(n) ? "odd" : "even";
    return new Response(`${banner.trim()} ${env.GREETING}: ${n} is ${parity}`);
  },
} satisfies ExportedHandler<Env>;
