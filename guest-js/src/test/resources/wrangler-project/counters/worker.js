import label from "./label.txt";

export class Counter {
  constructor(state) {
    this.state = state;
  }
  async fetch(request) {
    let n = (await this.state.storage.get("n")) ?? 0;
    if (request.method === "POST") {
      n++;
      await this.state.storage.put("n", n);
    }
    return new Response(`${label.trim()} ${n}`);
  }
}

export default { fetch: () => new Response("counters") };
