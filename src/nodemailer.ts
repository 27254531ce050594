// Public entry point of `tenure/nodemailer`: a Mailer over a nodemailer transport (optional peer dependency).

export {
  createNodemailerMailer,
  type NodemailerMailerOptions,
  type NodemailerTransport,
  type NodemailerMessage,
  type NodemailerAddress,
} from "./adapters/nodemailer/nodemailer-mailer.js";
