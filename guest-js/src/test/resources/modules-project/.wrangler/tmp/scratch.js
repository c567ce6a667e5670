export default "a scratch bundle wrangler left behind";
