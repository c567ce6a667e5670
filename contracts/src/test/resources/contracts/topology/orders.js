export default {
  async fetch(request) {
    return Response.json({ id: 1, item: "tea", qty: 2 }, { status: 201 });
  },
};
